import Foundation

/// Demo answer templates (shared, Russian, with placeholders and shortcuts) and knowledge base
/// articles (Russian and a few English; two drafts) on everyday CRM support topics.
public enum DemoKnowledge {
    static let templates: [AnswerTemplate] = [
        AnswerTemplate(name: "Приветствие", body: "Здравствуйте, {{contact.firstName}}! Меня зовут {{user.name}}. Чем могу помочь?",
                       shortcut: "/привет", category: "Общее"),
        AnswerTemplate(name: "Счёт выставлен",
                       body: "{{contact.firstName}}, добрый день! Счёт по сделке «{{deal.title}}» на сумму {{deal.amount}} отправлен на {{contact.email}}. "
                           + "Оплатить его можно в течение 5 банковских дней.",
                       shortcut: "/счет", category: "Оплата"),
        AnswerTemplate(name: "Напоминание об оплате",
                       body: "Добрый день! Напоминаем, что счёт для {{client.name}} на сумму {{deal.amount}} ожидает оплаты. "
                           + "Если оплата уже прошла, пришлите, пожалуйста, платёжное поручение.",
                       shortcut: "/оплата", category: "Оплата", channelKinds: ["email", "telegram"]),
        AnswerTemplate(name: "Обращение принято",
                       body: "Ваше обращение {{inquiry.number}} «{{inquiry.subject}}» зарегистрировано. Мы ответим в течение рабочего дня.",
                       shortcut: "/принято", category: "Поддержка"),
        AnswerTemplate(name: "Обращение решено",
                       body: "{{contact.firstName}}, вопрос по обращению {{inquiry.number}} решён. Если что-то пойдёт не так, просто ответьте на это сообщение.",
                       shortcut: "/решено", category: "Поддержка"),
        AnswerTemplate(name: "Передано в доставку",
                       body: "Заказ для {{client.name}} передан в доставку {{date.today}}. Курьер позвонит по номеру {{contact.phone}} за час до приезда.",
                       shortcut: "/доставка", category: "Доставка", channelKinds: ["telegram", "viber", "web_chat"]),
        AnswerTemplate(name: "Реквизиты для договора",
                       body: "Для договора нам нужны реквизиты {{client.legalName}} (ИНН {{client.inn}}): банк, БИК и расчётный счёт.",
                       shortcut: "/реквизиты", category: "Документы", channelKinds: ["email"]),
        AnswerTemplate(name: "Спасибо за обращение",
                       body: "Спасибо, что написали! С уважением, {{user.name}}, {{user.position}}, {{user.phone}}.",
                       shortcut: "/спасибо", category: "Общее"),
    ]

    static let articles: [KnowledgeArticle] = [
        KnowledgeArticle(title: "Как оплатить счёт", body: """
            Счёт на оплату приходит на e-mail контактного лица в формате PDF.

            1. Оплатите счёт безналичным переводом по реквизитам из счёта.
            2. В назначении платежа укажите номер счёта.
            3. Оплата поступает за 1–3 банковских дня; после поступления менеджер пришлёт закрывающие документы.

            Если счёт потерялся, менеджер вышлет его повторно.
            """, category: "Оплата", tags: ["оплата", "счета"], published: true),
        KnowledgeArticle(title: "Как сменить контактное лицо клиента", body: """
            Откройте карточку клиента, вкладка «Контакты». Добавьте нового сотрудника клиента и отметьте его основным, \
            прежнего контакта удалите или оставьте с пометкой в должности. Сделки и обращения сохраняют прежний контакт, \
            пока его не поменяют в самой сделке.
            """, category: "Клиенты", tags: ["контакты"], published: true),
        KnowledgeArticle(title: "Подключение телефонии", body: """
            Администратор создаёт телефонную линию (номер и провайдера АТС) и очередь операторов. Адрес вебхука линии \
            указывают в настройках АТС: звонки появятся в CRM, пропущенные превратятся в задачи «Перезвонить». \
            Поддерживаются Zadarma, Mango Office, UIS, Asterisk и универсальный формат.
            """, category: "Телефония", tags: ["телефония", "АТС"], published: true),
        KnowledgeArticle(title: "Условия доставки", body: """
            Доставляем по Москве на следующий рабочий день, по России — транспортными компаниями за 2–7 дней. \
            Доставка бесплатна для заказов от 50 000 рублей. Курьер звонит за час до приезда; накладную и счёт-фактуру \
            передаёт вместе с товаром.
            """, category: "Доставка", tags: ["доставка"], published: true),
        KnowledgeArticle(title: "Возврат товара", body: """
            Товар надлежащего качества можно вернуть в течение 14 дней, если сохранены упаковка и документы. \
            Оформите обращение с причиной возврата; деньги возвращаются на счёт, с которого прошла оплата, за 10 дней.
            """, category: "Доставка", tags: ["возврат", "доставка"], published: true),
        KnowledgeArticle(title: "Как выставить счёт клиенту", body: """
            В сделке нажмите «Выставить счёт»: сумма и валюта берутся из сделки, реквизиты — из карточки клиента. \
            Проверьте ИНН и юридическое название: без них бухгалтерия счёт не примет.
            """, category: "Оплата", tags: ["счета", "сделки"], published: true),
        KnowledgeArticle(title: "Обращения и сроки SLA", body: """
            У каждого обращения есть срок первого ответа и срок решения по рабочему календарю. Пока ждём ответа клиента \
            (статус «Ожидание»), часы решения стоят. Просроченные обращения отмечены красным в очереди поддержки.
            """, category: "Поддержка", tags: ["обращения", "SLA"], published: true),
        KnowledgeArticle(title: "Шаблоны ответов и подстановки", body: """
            В шаблоне можно писать подстановки в двойных фигурных скобках: {{client.name}}, {{contact.firstName}}, \
            {{deal.amount}}, {{inquiry.number}}, {{user.name}}, {{date.today}}. Быстро вставить шаблон в диалог можно \
            по короткой команде, например /привет.
            """, category: "Поддержка", tags: ["шаблоны"], published: true),
        KnowledgeArticle(title: "Закрывающие документы", body: """
            После оплаты отправляем акт и счёт-фактуру через ЭДО в течение 5 рабочих дней. Оригиналы на бумаге — по запросу, \
            почтой или с курьером при следующей доставке.
            """, category: "Документы", tags: ["документы", "ЭДО"], published: true),
        KnowledgeArticle(title: "How to pay an invoice", body: """
            International clients pay invoices by bank transfer in RUB or EUR. Quote the invoice number in the payment \
            reference; payments usually arrive within three banking days, and the closing documents follow by e-mail.
            """, category: "Payments", tags: ["payments", "invoices"], published: true),
        KnowledgeArticle(title: "Resetting a user's password", body: """
            An administrator opens the user's profile and sets a new password; the user's sessions end at once, \
            so they sign in again everywhere.
            """, category: "Accounts", tags: ["passwords"], published: true),
        KnowledgeArticle(title: "Новые тарифы на доставку (черновик)", body: """
            С 1 марта доставка по Москве — 500 рублей для заказов до 50 000 рублей. Текст согласовывается с отделом продаж.
            """, category: "Доставка", tags: ["доставка", "тарифы"]),
        KnowledgeArticle(title: "Connecting a Telegram bot (draft)", body: """
            Create a bot with @BotFather, paste its token into a new Telegram channel account, and messages start \
            arriving as dialogues.
            """, category: "Channels", tags: ["telegram"]),
    ]

    /// Seeds the templates (shared, by the admin) unless there are any, and the articles unless
    /// there are any; returns how many of each were made.
    public static func seed(templates store: any AnswerTemplateStore, knowledge: any KnowledgeStore, identity: any IdentityStore,
                            clock: any WallClock) async throws -> (templates: Int, articles: Int) {
        let admin = try await identity.users(departmentID: nil).first { $0.role == .admin }?.id
        var made = (templates: 0, articles: 0)
        var existing = AnswerTemplateQuery()
        existing.deleted = .include
        existing.page.limit = 1
        if try await store.answerTemplates(existing, usableBy: nil).items.isEmpty {
            for template in templates {
                var shared = template
                shared.shared = true
                _ = try await store.insertAnswerTemplate(shared, createdBy: admin, at: clock.now())
                made.templates += 1
            }
        }
        var existingArticles = KnowledgeQuery()
        existingArticles.deleted = .include
        existingArticles.page.limit = 1
        if try await knowledge.articles(existingArticles, drafts: true).items.isEmpty {
            for article in articles {
                _ = try await knowledge.insertArticle(article, createdBy: admin, at: clock.now())
                made.articles += 1
            }
        }
        return made
    }
}
