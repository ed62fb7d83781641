// Dragging cards between columns with the mouse or a pen (pointer events, so it also works where
// HTML5 drag and drop does not). Touch screens use the "Move to…" menu instead: a finger on a
// card scrolls the board.

const THRESHOLD = 5; // pixels the pointer travels before a press becomes a drag

/**
 * Makes `.deal-card`s inside `board` draggable onto `[data-drop-stage]` columns.
 * `onDrop(dealId, stageId)` is called for a drop on another column. Returns a function that stops it.
 */
export function enableDragging(board, { onDrop, onStart = () => {} }) {
  let press = null; // { card, pointerId, x, y, dragging, ghost, offsetX, offsetY, target }

  const columnAt = (x, y) => document.elementFromPoint(x, y)?.closest?.('[data-drop-stage]') ?? null;

  const setTarget = (column) => {
    if (press.target === column) return;
    press.target?.removeAttribute('data-drop-active');
    press.target = column;
    if (column && column.dataset.dropStage !== press.card.dataset.stageId) column.setAttribute('data-drop-active', 'true');
  };

  const start = () => {
    const { card } = press;
    const rect = card.getBoundingClientRect();
    press.dragging = true;
    press.offsetX = press.x - rect.left;
    press.offsetY = press.y - rect.top;
    const ghost = card.cloneNode(true);
    ghost.classList.add('drag-ghost');
    ghost.removeAttribute('id');
    ghost.setAttribute('aria-hidden', 'true');
    Object.assign(ghost.style, { width: `${rect.width}px`, left: `${rect.left}px`, top: `${rect.top}px` });
    document.body.append(ghost);
    press.ghost = ghost;
    card.classList.add('dragging');
    board.classList.add('is-dragging');
    onStart(card.dataset.dealId);
  };

  const finish = (drop) => {
    if (!press) return;
    const { card, dragging, ghost, target, pointerId } = press;
    press = null;
    try { card.releasePointerCapture?.(pointerId); } catch { /* not captured */ }
    ghost?.remove();
    card.classList.remove('dragging');
    board.classList.remove('is-dragging');
    target?.removeAttribute('data-drop-active');
    if (dragging) {
      // The click that follows a drag is not a click on the card.
      const swallow = (event) => { event.stopPropagation(); event.preventDefault(); };
      card.addEventListener('click', swallow, { capture: true, once: true });
      setTimeout(() => card.removeEventListener('click', swallow, { capture: true }), 0);
      if (drop && target && target.dataset.dropStage !== card.dataset.stageId) onDrop(card.dataset.dealId, target.dataset.dropStage);
    }
  };

  const onPointerDown = (event) => {
    if (event.button !== 0 || event.pointerType === 'touch' || press) return;
    const card = event.target.closest('.deal-card');
    if (!card || !board.contains(card) || card.dataset.pending === 'true') return;
    if (event.target.closest('a, button, input, select, [role="menu"]')) return;
    press = { card, pointerId: event.pointerId, x: event.clientX, y: event.clientY, dragging: false, ghost: null, target: null };
    try { card.setPointerCapture?.(event.pointerId); } catch { /* synthetic pointer */ }
  };

  const onPointerMove = (event) => {
    if (!press || event.pointerId !== press.pointerId) return;
    if (!press.dragging) {
      if (Math.hypot(event.clientX - press.x, event.clientY - press.y) < THRESHOLD) return;
      start();
    }
    event.preventDefault();
    press.ghost.style.left = `${event.clientX - press.offsetX}px`;
    press.ghost.style.top = `${event.clientY - press.offsetY}px`;
    setTarget(columnAt(event.clientX, event.clientY));
    // Near the board's edges, scroll it (columns beyond the screen).
    const rect = board.getBoundingClientRect();
    if (event.clientX > rect.right - 40) board.scrollLeft += 20;
    else if (event.clientX < rect.left + 40) board.scrollLeft -= 20;
  };

  const onPointerUp = (event) => {
    if (!press || event.pointerId !== press.pointerId) return;
    if (press.dragging) setTarget(columnAt(event.clientX, event.clientY));
    finish(true);
  };
  const onCancel = () => finish(false);
  const onKey = (event) => { if (event.key === 'Escape' && press?.dragging) finish(false); };
  const onDragStart = (event) => { if (event.target.closest?.('.deal-card')) event.preventDefault(); };

  board.addEventListener('pointerdown', onPointerDown);
  board.addEventListener('dragstart', onDragStart);
  document.addEventListener('pointermove', onPointerMove);
  document.addEventListener('pointerup', onPointerUp);
  document.addEventListener('pointercancel', onCancel);
  document.addEventListener('keydown', onKey);
  return () => {
    finish(false);
    board.removeEventListener('pointerdown', onPointerDown);
    board.removeEventListener('dragstart', onDragStart);
    document.removeEventListener('pointermove', onPointerMove);
    document.removeEventListener('pointerup', onPointerUp);
    document.removeEventListener('pointercancel', onCancel);
    document.removeEventListener('keydown', onKey);
  };
}
