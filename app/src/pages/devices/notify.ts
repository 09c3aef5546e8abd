/** Opt-in browser notifications for new pairing requests (the badge listens, its panel has the switch). */
export const NOTIFY_KEY = 'clawscope.notify-requests';
export const notifySupported = () => typeof Notification !== 'undefined';
export const notifyOn = () =>
  notifySupported() && Notification.permission === 'granted' && localStorage.getItem(NOTIFY_KEY) === '1';
