export default { id: 'incoming-call', label: { en: 'Incoming call', ru: 'Входящий звонок' }, mount() {} };
