import { accountCheckText } from '../../../../shared/access/rules';
import type { AccountCheck } from '../../../../shared/access/schema';

/** What the system's own account list said of a grant's account (the last reconciliation), or that none was imported. */
export function AccountCheckNote({ check }: { check: AccountCheck | null }) {
  const { text, warn } = accountCheckText(check);
  return warn ? <span className="badge warn">{text}</span> : <span className={check ? undefined : 'muted'}>{text}</span>;
}
