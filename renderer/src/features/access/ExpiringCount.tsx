import { useLiveQuery } from 'dexie-react-hooks';
import { addDays } from '../../../../shared/access/rules';
import { useAccessRepos, useToday } from './useAccess';

/** Status-bar count of grants ending within 14 days; a link to the Expiring view. */
export function ExpiringCount() {
  const repos = useAccessRepos();
  const today = useToday();
  const count = useLiveQuery(() => repos.tables.grants.where('[status+until]').between(['active', today], ['active', addDays(today, 14)], true, true).count(), [repos, today]);
  if (!count) return null;
  return (
    <a className="expiring-count" href="#/access/expiring">
      {count} grant{count === 1 ? '' : 's'} expiring within 14 days
    </a>
  );
}
