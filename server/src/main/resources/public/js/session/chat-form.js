// The chat form of a session page (meeting or support): Enter sends, Shift+Enter starts a new line; what the
// session refuses (not let in yet, too long) is said in the form's alert.

import { byId } from '../ui.js';

/** Sends the form's text through the session {@code current()} returns. */
export function wireChat(current) {
  const text = byId('chat-text');
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      byId('chat-form').requestSubmit();
    }
  });
  let sending = false; // one message at a time: a second Enter must not send it again
  byId('chat-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    if (sending) return;
    const alert = byId('chat-error');
    alert.textContent = '';
    // taken now, so what is typed while it goes out stays in the field
    const message = text.value;
    sending = true;
    text.value = '';
    try {
      await current().sendChat(message, Number(byId('chat-to').value));
    } catch (error) {
      if (text.value === '') text.value = message;
      alert.textContent = error.name === 'SessionError' ? error.message : 'The message could not be sent. Please try again.';
      if (error.name !== 'SessionError') console.warn('chat send failed', error);
    } finally {
      sending = false;
    }
    text.focus();
  });
}
