// Keyboard shortcuts of the validation page (served from /static: the CSP forbids inline script).
// 1-9 toggle themes, V validates, J "je ne sais pas", U undoes the last decision.
// Ignored while typing in the note or any text field.
document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (
    target instanceof HTMLElement &&
    target.closest('textarea, input[type="text"], input[type="email"], input[type="password"], select')
  )
    return;
  const key = event.key.toLowerCase();
  if (/^[1-9]$/.test(key)) {
    const box = document.querySelector(`input[data-shortcut="${key}"]`);
    if (box instanceof HTMLInputElement) {
      const details = box.closest('details');
      if (details) details.open = true;
      box.checked = !box.checked;
      box.focus();
      event.preventDefault();
    }
    return;
  }
  const button = document.querySelector(`[data-shortcut-key="${key}"]`);
  if (button instanceof HTMLButtonElement) {
    event.preventDefault();
    button.click();
  }
});
