// "Save chat": the chat as this browser saw it, as a plain text file made on this device. The
// server never stores chat, so this file is the only copy anyone keeps.

const stamp = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The chat as lines of text. */
export function chatText(session, subject) {
  const lines = ['Chat of "' + subject + '", saved ' + stamp.format(new Date()) + '.',
    'Parley does not keep chat; this file is the only copy.', ''];
  for (const m of session?.chat ?? []) {
    const from = m.own ? 'You' : m.fromName;
    const to = m.to === 0 ? 'everyone' : m.own ? m.toName + ' only' : 'you only';
    lines.push('[' + stamp.format(m.at) + '] ' + from + ' to ' + to + ':');
    lines.push(...m.text.split('\n').map((line) => '  ' + line), '');
  }
  return lines.join('\r\n');
}

/** Downloads the chat as a .txt file. */
export function saveChat(session, subject) {
  const blob = new Blob([chatText(session, subject)], { type: 'text/plain;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = 'chat-' + new Date().toISOString().slice(0, 10) + '.txt';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
