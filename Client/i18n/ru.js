// Русские подписи оболочки. Представления приносят свои (см. docs/client.md).
export default {
  app: { name: 'Switchboard', console: 'Консоль оператора', skip: 'Перейти к содержимому' },
  signIn: {
    title: 'Вход в консоль',
    email: 'Эл. почта',
    password: 'Пароль',
    submit: 'Войти',
    busy: 'Входим…',
    invalid: 'Неверная почта или пароль.',
    failed: 'Не удалось войти: {message}',
  },
  header: {
    nav: 'Разделы',
    signOut: 'Выйти',
    language: 'Язык',
    presence: 'Статус',
    badge: 'Ждут: {n}',
    connection: 'Соединение',
  },
  connection: {
    idle: 'Нет соединения',
    connecting: 'Подключение…',
    live: 'На связи',
    reconnecting: 'Переподключение…',
    offline: 'Нет сети',
    unauthorized: 'Сеанс завершён сервером',
    closed: 'Закрыто',
  },
  presence: { AVAILABLE: 'На месте', BUSY: 'Занят', AWAY: 'Отошёл', OFFLINE: 'Не в сети' },
  role: { ADMIN: 'Администратор', SUPERVISOR: 'Руководитель', MANAGER: 'Менеджер', OPERATOR: 'Оператор' },
  view: {
    notFound: 'Такого раздела нет.',
    failed: 'Раздел не открылся: {message}',
    loading: 'Загрузка…',
  },
  common: {
    cancel: 'Отмена', close: 'Закрыть', save: 'Сохранить', search: 'Поиск', retry: 'Повторить',
    empty: 'Пока пусто.', error: 'Что-то пошло не так: {message}', none: '—',
  },
  units: { minutes: '{n} мин', hours: '{n} ч' },
};
