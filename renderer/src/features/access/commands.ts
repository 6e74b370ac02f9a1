import type { Command } from '../../app/commands';
import { useUi } from '../../app/ui-store';
import { FOCUS_SOD_EVENT, SOD_HASH } from './CatalogView';
import { ACCESS_VIEWS, goToAccess, VIEW_LABELS, type AccessRoute } from './route';

/** Palette entries of the access feature: every view, a new request, leavers, a new list or campaign. */
export function accessCommands(): Command[] {
  const open = (route: AccessRoute) => {
    useUi.getState().navigate('access');
    goToAccess(route);
  };
  return [
    { id: 'access.new', title: 'Request access', group: 'Create', keywords: 'access request grant system entitlement form', run: () => open({ view: 'new' }) },
    { id: 'access.leaver', title: 'Mark a person as departed (leaver)', group: 'Create', keywords: 'access leaver left revoke offboard', run: () => open({ view: 'leavers' }) },
    {
      id: 'access.sod',
      title: 'Access: add an incompatible pair (separation of duties)',
      group: 'Create',
      keywords: 'sod separation duties incompatible conflict catalog rule',
      run: () => {
        useUi.getState().navigate('access');
        if (location.hash === SOD_HASH) window.dispatchEvent(new Event(FOCUS_SOD_EVENT));
        else location.hash = SOD_HASH;
      },
    },
    ...ACCESS_VIEWS.map((v): Command => ({ id: `access.view.${v}`, title: `Access: ${VIEW_LABELS[v]}`, group: 'View', keywords: 'access grants view', run: () => open({ view: v }) })),
  ];
}
