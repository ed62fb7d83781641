// My sales: a Kanban board of the signed-in user's open deals by stage, one pipeline at a time
// (the default first). A card dragged (or moved with its "Move to…" menu) to another column moves
// at once and is sent with `moveDeal`; if the server refuses, it goes back where the server says
// the deal is, with a message. `dealChanged` keeps the board current when others move deals.
// Above it, the manager's figures: open amount, average deal, won this month.

import { h, replace } from '../shell/dom.js';
import { SALES_SETUP, BOARD_DEALS, WON_DEALS, MOVE_DEAL, DEAL_CHANGED } from './sales/queries.js';
import { dateIn, monthStartIn, usableZone } from './sales/dates.js';
import { formatAmount, totalsByCurrency } from './sales/money.js';
import { dealCard } from './sales/card.js';
import { enableDragging } from './sales/drag.js';
import { closeMoveMenu } from './sales/move-menu.js';
import { renderFigures } from './sales/figures.js';

const MAX_PAGES = 20; // 2 000 open deals of one person in one pipeline is more than a board can show

export default {
  id: 'sales',
  label: { en: 'My sales', ru: 'Мои продажи' },
  icon: 'template',
  strings: {
    en: {
      title: 'My sales', pipeline: 'Pipeline', defaultMark: '(default)', board: 'Deals by stage',
      openAmount: 'Open amount', averageDeal: 'Average deal', averageNote: 'of open deals', wonThisMonth: 'Won this month',
      dealCount: '{n} deals', columnCount: '{n} deals', empty: 'No deals here.', noPipelines: 'There are no pipelines yet.',
      noAmount: 'No amount', noDate: 'No date', stalled: 'Stalled', moveTo: 'Move to…', moveLabel: 'Move “{title}” to another stage',
      moving: 'Moving “{title}” to {stage}…', moved: '“{title}” moved to {stage}.',
      refused: '“{title}” was not moved: {reason}.', rolledBack: 'The card is back in {stage}.', removed: 'It is off the board.',
      movedBy: '{actor} moved “{title}” to {stage}.',
      reason: {
        CONFLICT: 'the deal changed meanwhile (someone else edited it)',
        INVALID_STATE: 'the deal is no longer open',
        STAGE_NOT_IN_PIPELINE: 'that stage is not in the deal’s pipeline',
        NOT_FOUND: 'the deal is no longer visible to you',
        FORBIDDEN: 'you may not move this deal',
        NETWORK_ERROR: 'the server could not be reached',
      },
      deadline: { overdue: 'Overdue', today: 'Closes today', later: 'Closes later', none: 'No expected close date' },
      legend: 'Expected close date:',
    },
    ru: {
      title: 'Мои продажи', pipeline: 'Воронка', defaultMark: '(основная)', board: 'Сделки по этапам',
      openAmount: 'Сумма в работе', averageDeal: 'Средняя сделка', averageNote: 'по открытым', wonThisMonth: 'Выиграно в этом месяце',
      dealCount: 'Сделок: {n}', columnCount: 'Сделок: {n}', empty: 'Сделок нет.', noPipelines: 'Воронок пока нет.',
      noAmount: 'Без суммы', noDate: 'Без даты', stalled: 'Застряла', moveTo: 'Перенести…', moveLabel: 'Перенести «{title}» на другой этап',
      moving: '«{title}» переносится на этап «{stage}»…', moved: '«{title}» — на этапе «{stage}».',
      refused: '«{title}» не перенесена: {reason}.', rolledBack: 'Карточка вернулась на этап «{stage}».', removed: 'Она убрана с доски.',
      movedBy: '{actor} перенёс(ла) «{title}» на этап «{stage}».',
      reason: {
        CONFLICT: 'сделку тем временем изменили',
        INVALID_STATE: 'сделка уже закрыта',
        STAGE_NOT_IN_PIPELINE: 'этого этапа нет в воронке сделки',
        NOT_FOUND: 'сделка вам больше не видна',
        FORBIDDEN: 'вам нельзя переносить эту сделку',
        NETWORK_ERROR: 'сервер недоступен',
      },
      deadline: { overdue: 'Просрочена', today: 'Закрытие сегодня', later: 'Закрытие позже', none: 'Без ожидаемой даты' },
      legend: 'Ожидаемая дата закрытия:',
    },
  },

  async mount(container, ctx) {
    const { t } = ctx;
    const setup = await ctx.api.query(SALES_SETUP);
    const me = setup.me;
    const zone = usableZone(me.timeZone);
    const pipelines = setup.pipelines.edges.map((edge) => edge.node)
      .sort((a, b) => (b.isDefault - a.isDefault) || (a.position - b.position));

    const deals = new Map();      // id → deal, the open deals of this pipeline owned by the user
    const cards = new Map();      // id → its card element
    const pending = new Map();    // id → { from } while a move is on its way
    const deferred = new Map();   // id → the newest deal an event brought while its move was pending
    let pipeline = null;
    let won = null;               // this month's won deals of the pipeline (null while loading)
    let today = dateIn(zone);
    let loading = 0;

    const select = h('select', { id: 'pipeline-select', onchange: () => ctx.navigate('sales', select.value) },
      pipelines.map((p) => h('option', { value: p.id }, p.isDefault ? `${p.name} ${t('sales.defaultMark')}` : p.name)));
    const figures = h('dl', { class: 'sales-figures', 'aria-live': 'polite' });
    const message = h('p', { class: 'board-message', id: 'board-message', role: 'alert', hidden: true });
    const status = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', id: 'board-status' });
    const board = h('div', { class: 'sales-board', id: 'sales-board', role: 'region', 'aria-label': t('sales.board') });
    container.append(h('div', { class: 'sales-layout' },
      h('div', { class: 'sales-head' },
        h('h1', {}, t('sales.title')),
        h('label', { class: 'pipeline-picker', for: 'pipeline-select' }, t('sales.pipeline')), select,
        h('p', { class: 'deadline-legend muted' }, t('sales.legend'),
          ['overdue', 'today', 'later'].map((kind) => h('span', { class: 'legend-item', dataset: { deadline: kind } },
            h('span', { class: 'deadline-dot', 'aria-hidden': 'true' }), t(`sales.deadline.${kind}`))))),
      figures, message, status, board));

    if (!pipelines.length) { replace(board, h('p', { class: 'empty' }, t('sales.noPipelines'))); return undefined; }

    const stages = () => pipeline?.stages ?? [];
    const stageById = (id) => stages().find((stage) => stage.id === id);

    const showMessage = (text) => {
      message.hidden = false;
      replace(message, h('span', {}, text),
        h('button', { type: 'button', class: 'icon-button', 'aria-label': t('common.close'), onclick: () => { message.hidden = true; } }, '×'));
    };

    const sortDeals = (list) => list.sort((a, b) => (a.expectedCloseDate ?? '9999').localeCompare(b.expectedCloseDate ?? '9999')
      || a.title.localeCompare(b.title));

    const cardOf = (deal) => {
      const card = dealCard({ ctx, deal, today, stages, onPick: (d, stage, options) => move(d.id, stage.id, options) });
      if (pending.has(deal.id)) card.dataset.pending = 'true';
      cards.set(deal.id, card);
      return card;
    };

    const columns = new Map(); // stage id → { list, count, sum }
    const renderColumns = () => {
      columns.clear();
      replace(board, stages().map((stage) => {
        const list = h('div', { class: 'column-cards' });
        const count = h('span', { class: 'column-count badge' });
        const sum = h('span', { class: 'column-sum muted' });
        columns.set(stage.id, { list, count, sum });
        return h('section', { class: 'board-column', dataset: { dropStage: stage.id }, 'aria-labelledby': `column-${stage.id}` },
          h('header', { class: 'column-head', style: { borderTopColor: stage.color } },
            h('h2', { id: `column-${stage.id}`, title: stage.name }, stage.name), count, sum),
          list);
      }));
    };

    /** Puts every card in its column, in order; keeps focus where it was. */
    const render = () => {
      const focused = document.activeElement;
      const focusedCard = focused?.closest?.('.deal-card')?.dataset.dealId;
      const byStage = new Map(stages().map((stage) => [stage.id, []]));
      for (const deal of deals.values()) byStage.get(deal.stage.id)?.push(deal);
      for (const [stageId, list] of byStage) {
        const column = columns.get(stageId);
        if (!column) continue;
        const sorted = sortDeals(list);
        replace(column.list, sorted.length ? sorted.map((deal) => cards.get(deal.id) ?? cardOf(deal))
          : h('p', { class: 'column-empty muted' }, t('sales.empty')));
        column.count.textContent = String(sorted.length);
        column.count.setAttribute('aria-label', t('sales.columnCount', { n: sorted.length }));
        const { totals } = totalsByCurrency(sorted);
        column.sum.textContent = totals.map((entry) => formatAmount(entry.sum, entry.currency, ctx.locale)).join(' + ');
      }
      if (focused && focused !== document.activeElement) {
        // A card built anew (its deal changed) gets the focus its old one had.
        const target = focused.isConnected ? focused : focusedCard && cards.get(focusedCard)?.querySelector('.move-button');
        target?.focus({ preventScroll: true });
      }
      renderFigures(figures, { ctx, open: [...deals.values()], won });
    };

    /** Replaces a deal's data (and its card) with `deal`, or takes it off the board if it no longer belongs. */
    const apply = (deal) => {
      const known = deals.get(deal.id);
      if (known && known.version > deal.version) return;
      if (known && known.version === deal.version && known.stage.id === deal.stage.id) return; // nothing new (e.g. the echo of our own move)
      cards.delete(deal.id);
      if (deal.status === 'OPEN' && !deal.deletedAt && deal.owner?.id === me.id && deal.pipeline.id === pipeline.id) deals.set(deal.id, deal);
      else deals.delete(deal.id);
    };

    const loadWon = async () => {
      const ticket = loading;
      const list = [];
      let after = null;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const data = await ctx.api.query(WON_DEALS, { owner: me.id, pipeline: pipeline.id, from: monthStartIn(zone), after });
        list.push(...data.deals.edges.map((edge) => edge.node));
        if (!data.deals.pageInfo.hasNextPage) break;
        after = data.deals.pageInfo.endCursor;
      }
      if (ticket !== loading) return;
      won = list;
      renderFigures(figures, { ctx, open: [...deals.values()], won });
    };

    const load = async (id) => {
      const ticket = ++loading;
      pipeline = pipelines.find((p) => p.id === id) ?? pipelines[0];
      select.value = pipeline.id;
      today = dateIn(zone);
      deals.clear();
      cards.clear();
      won = null;
      board.setAttribute('aria-busy', 'true');
      renderColumns();
      const found = [];
      let after = null;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const data = await ctx.api.query(BOARD_DEALS, { owner: me.id, pipeline: pipeline.id, after });
        if (ticket !== loading) return;
        found.push(...data.deals.edges.map((edge) => edge.node));
        if (!data.deals.pageInfo.hasNextPage) break;
        after = data.deals.pageInfo.endCursor;
      }
      for (const deal of found) deals.set(deal.id, deal);
      board.removeAttribute('aria-busy');
      render();
      loadWon().catch((error) => ctx.notify.error(error));
    };

    /** Moves a card at once, then asks the server; puts it back if the server refuses. */
    const move = async (dealId, stageId, { keyboard = false } = {}) => {
      const deal = deals.get(dealId);
      const stage = stageById(stageId);
      if (!deal || !stage || deal.stage.id === stageId || pending.has(dealId)) return;
      closeMoveMenu();
      message.hidden = true;
      const from = deal.stage;
      pending.set(dealId, { from });
      deals.set(dealId, { ...deal, stage: { id: stage.id, name: stage.name } });
      cards.delete(dealId);
      render();
      status.textContent = t('sales.moving', { title: deal.title, stage: stage.name });
      let answer = null;
      let gone = false;
      try {
        const data = await ctx.api.mutate(MOVE_DEAL, { input: { id: deal.id, version: deal.version, stageId } });
        answer = data.moveDeal.deal;
        status.textContent = t('sales.moved', { title: deal.title, stage: stage.name });
      } catch (error) {
        // The server's deal when it sent one (CONFLICT carries the current deal), else as before.
        answer = error.data?.moveDeal?.deal ?? { ...deal, stage: from };
        const code = error.userErrors?.[0]?.code ?? error.code;
        const reason = t(`sales.reason.${code}`) !== `sales.reason.${code}` ? t(`sales.reason.${code}`) : error.message;
        // NOT_FOUND: the deal is not visible any more (e.g. handed to a colleague — the API sends
        // the former owner no event for that), so it leaves the board instead of going back.
        gone = code === 'NOT_FOUND';
        const back = answer.stage ?? from;
        showMessage(`${t('sales.refused', { title: deal.title, reason })} ${gone ? t('sales.removed') : t('sales.rolledBack', { stage: back.name })}`);
      } finally {
        pending.delete(dealId);
      }
      const later = deferred.get(dealId);
      deferred.delete(dealId);
      deals.delete(dealId);
      cards.delete(dealId);
      if (!gone) apply(later && later.version > answer.version ? later : answer);
      render();
      if (keyboard) cards.get(dealId)?.querySelector('.move-button')?.focus();
    };

    ctx.onCleanup(enableDragging(board, { onDrop: (dealId, stageId) => move(dealId, stageId), onStart: closeMoveMenu }));

    ctx.subscribe({ query: DEAL_CHANGED }, {
      next: ({ data }) => {
        const event = data?.dealChanged;
        if (!event || !pipeline) return;
        const { deal, change } = event;
        if (pending.has(deal.id)) { deferred.set(deal.id, deal); return; }
        const before = deals.get(deal.id);
        if (!before && (deal.owner?.id !== me.id || deal.pipeline.id !== pipeline.id)) return;
        apply(deal);
        render();
        const byOther = event.actor?.user?.id !== me.id;
        if (change === 'MOVED' && byOther && before && deals.has(deal.id)) {
          cards.get(deal.id)?.classList.add('flash');
          status.textContent = t('sales.movedBy', { actor: event.actor.name, title: deal.title, stage: deal.stage.name });
        }
        if (['WON', 'REOPENED', 'DELETED', 'RESTORED'].includes(change) && deal.owner?.id === me.id) loadWon().catch(() => {});
      },
      reset: () => load(pipeline?.id),
    });

    // Past midnight the colours change: re-check "today" every minute.
    ctx.scope.interval(() => {
      const now = dateIn(zone);
      if (now !== today) { today = now; cards.clear(); render(); }
    }, 60_000);

    await load(ctx.route.params[0]);
    return {
      update(route) {
        const id = route.params[0] ?? pipelines[0].id;
        if (id !== pipeline?.id) load(id).catch((error) => ctx.notify.error(error));
      },
      unmount() { closeMoveMenu(); },
    };
  },
};
