import type { Command } from '../../app/commands';
import { useUi } from '../../app/ui-store';
import { useTicketsUi } from '../tickets/store';
import { NEEDS_UPDATE_VIEW } from './NeedsUpdateTab';
import { useKnowledgeUi } from './knowledge-ui';

/**
 * Palette entries for keeping requesters informed and keeping documents
 * current: the "Needs an update" ticket view and the documents past their
 * review-by date.
 */
export function informUpdateCommands(): Command[] {
  return [
    {
      id: 'inform.needsUpdate',
      title: 'Show tickets needing an update',
      group: 'View',
      keywords: 'requester update overdue silent cadence contact inform tickets',
      run: () => {
        useTicketsUi.getState().chooseView(NEEDS_UPDATE_VIEW);
        useUi.getState().navigate('tickets');
        location.hash = '#/tickets';
      },
    },
    {
      id: 'inform.needsReview',
      title: 'Show documents needing review',
      group: 'View',
      keywords: 'knowledge documents review-by overdue stale work instructions',
      run: () => {
        useKnowledgeUi.getState().showNeedsReview();
        useUi.getState().navigate('knowledge');
      },
    },
    {
      id: 'inform.newDocument',
      title: 'New document',
      group: 'Create',
      keywords: 'knowledge work instruction how-to known error memo newsletter manual',
      run: () => {
        useKnowledgeUi.getState().askToCreate();
        useUi.getState().navigate('knowledge');
      },
    },
  ];
}
