// The room's toolbar (session, support and remote-access pages): keyboard shortcuts and the
// visible state of its toggle buttons. The shortcuts are read from the buttons themselves
// (aria-keyshortcuts="Alt+H"), so a button the page does not have has no shortcut either.

/**
 * Wires {@code toolbar}: each Alt+key named by a button's aria-keyshortcuts clicks the first such
 * button that is shown and enabled; a toggle's label follows its aria-pressed (data-label-on /
 * data-label-off), whoever sets it — this page or the media code.
 */
export function wireToolbar(toolbar) {
  const observer = new MutationObserver((changes) => changes.forEach((change) => showState(change.target)));
  for (const button of toolbar.querySelectorAll('[aria-pressed][data-label-on]')) {
    showState(button);
    observer.observe(button, { attributes: true, attributeFilter: ['aria-pressed'] });
  }
  document.addEventListener('keydown', (event) => shortcut(toolbar, event));
}

function showState(button) {
  const on = button.getAttribute('aria-pressed') === 'true';
  const label = button.querySelector('.tool-label');
  if (label) label.textContent = on ? button.dataset.labelOn : button.dataset.labelOff;
}

function shortcut(toolbar, event) {
  // Alt alone: AltGr (Ctrl+Alt on Windows) types characters, and those must reach the chat
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.repeat) return;
  // while a remote screen has the keyboard, every key is the remote computer's
  if (event.target instanceof Element && event.target.closest('.control-input')) return;
  // event.code, not event.key: on a Mac, Option+H types "˙"
  const letter = /^Key([A-Z])$/.exec(event.code)?.[1];
  if (!letter) return;
  const button = [...toolbar.querySelectorAll(`[aria-keyshortcuts="Alt+${letter}"]`)]
    .find((candidate) => !candidate.disabled && candidate.checkVisibility());
  if (!button) return;
  event.preventDefault();
  button.click();
}
