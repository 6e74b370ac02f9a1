import type { AgencyKind } from '../tickets/catalog';
import type { TicketType } from '../tickets/enums';

/**
 * Word lists for sample data. Names of places are real California counties so
 * the data reads naturally; every e-mail domain ends in `.example` and every
 * phone number is in the 555-01xx range reserved for fiction, so nothing
 * generated can reach a real person.
 */

export const COUNTIES = [
  'Alameda', 'Butte', 'Contra Costa', 'El Dorado', 'Fresno', 'Humboldt', 'Imperial', 'Kern', 'Kings', 'Lake',
  'Madera', 'Marin', 'Mendocino', 'Merced', 'Monterey', 'Napa', 'Nevada', 'Placer', 'Riverside', 'Sacramento',
  'San Benito', 'San Joaquin', 'San Luis Obispo', 'Santa Cruz', 'Shasta', 'Solano', 'Sonoma', 'Stanislaus',
  'Sutter', 'Tehama', 'Tulare', 'Tuolumne', 'Ventura', 'Yolo', 'Yuba',
] as const;

export const AREA_CODES = ['209', '530', '559', '661', '707', '805', '831', '916', '951'] as const;

export const SITE_NAMES: Record<'state_court' | 'county_office_of_education', readonly string[]> = {
  state_court: [
    'Main Courthouse', 'Hall of Justice', 'Juvenile Justice Center', 'Family Law Center', 'Traffic Division',
    'Jury Assembly Building', 'Criminal Courts Building', 'Civil Annex', 'Self-Help Center', 'Records Center',
  ],
  county_office_of_education: [
    'Administration Building', 'Special Education Center', 'Alternative Education Campus', 'Migrant Education Office',
    'Outdoor School', 'Early Learning Center', 'Career Technical Education Center', 'Business Services Annex',
  ],
};

export interface SystemDef {
  key: string;
  name: string;
  vendor: string;
  for: readonly AgencyKind[];
  team: string;
  categories: readonly string[];
  symptoms: readonly string[];
  weight: number;
}

const BOTH: readonly AgencyKind[] = ['state_court', 'county_office_of_education'];
const COURT: readonly AgencyKind[] = ['state_court'];
const COE: readonly AgencyKind[] = ['county_office_of_education'];

export const SYSTEMS: readonly SystemDef[] = [
  { key: 'cms', name: 'Case Management System', vendor: 'ClearDocket Justice', for: COURT, team: 'court-apps', weight: 14,
    categories: ['Login / access', 'Case search', 'Docketing', 'Minute orders', 'Reports', 'Performance'],
    symptoms: ['cannot save minute order', 'case search times out', 'docket entry shows wrong hearing date', 'report export is blank', 'locked out after password change', 'screen freezes when opening case'] },
  { key: 'efile', name: 'E-Filing Portal', vendor: 'FileBridge', for: COURT, team: 'efile-jury', weight: 9,
    categories: ['Rejected filing', 'Fees / payments', 'Account setup', 'Document upload'],
    symptoms: ['filing rejected with no reason', 'PDF upload fails at 99%', 'fee waiver not applied', 'envelope stuck in review queue', 'attorney cannot register firm account'] },
  { key: 'jury', name: 'Jury Management', vendor: 'Jurorly', for: COURT, team: 'efile-jury', weight: 6,
    categories: ['Summons printing', 'Check-in kiosk', 'Juror portal', 'Payments'],
    symptoms: ['summons batch will not print', 'check-in kiosk frozen', 'jurors cannot postpone online', 'juror payments file rejected by bank'] },
  { key: 'calendar', name: 'Courtroom Calendar', vendor: 'ClearDocket Justice', for: COURT, team: 'court-apps', weight: 4,
    categories: ['Calendar display', 'Printing'],
    symptoms: ['lobby calendar display is blank', 'tomorrow’s calendar missing cases', 'calendar prints in wrong department order'] },
  { key: 'av', name: 'Courtroom Audio / Video', vendor: 'In-house', for: COURT, team: 'field', weight: 4,
    categories: ['Audio recording', 'Remote appearance'],
    symptoms: ['courtroom recorder not capturing audio', 'remote appearance link drops', 'judge’s microphone crackles'] },
  { key: 'sis', name: 'Student Information System', vendor: 'Scholaris', for: COE, team: 'student-systems', weight: 12,
    categories: ['Enrollment', 'Attendance', 'Grades / report cards', 'State reporting', 'Login / access'],
    symptoms: ['attendance not posting for period 3', 'report cards print with wrong term', 'state reporting extract fails validation', 'new enrollment duplicates student', 'teacher cannot see roster'] },
  { key: 'sped', name: 'Special Education IEP System', vendor: 'PlanWell', for: COE, team: 'student-systems', weight: 5,
    categories: ['IEP documents', 'Caseloads', 'Login / access'],
    symptoms: ['IEP will not finalize', 'caseload transfer lost students', 'signature page missing from PDF'] },
  { key: 'assess', name: 'Assessment Platform', vendor: 'MeasureUp', for: COE, team: 'student-systems', weight: 3,
    categories: ['Testing sessions', 'Rosters'],
    symptoms: ['students kicked out of testing session', 'roster sync missing new students'] },
  { key: 'transport', name: 'Transportation Routing', vendor: 'RouteSmart K-12', for: COE, team: 'student-systems', weight: 2,
    categories: ['Routes', 'Ridership'],
    symptoms: ['bus route map not loading', 'ridership counts doubled'] },
  { key: 'payroll', name: 'Payroll', vendor: 'CivicPay', for: BOTH, team: 'finance-hr', weight: 7,
    categories: ['Pay stubs', 'Timesheets', 'Deductions', 'Access'],
    symptoms: ['timesheet will not submit', 'pay stub shows wrong deduction', 'retro pay not calculated', 'supervisor cannot approve time'] },
  { key: 'hr', name: 'HR / Personnel', vendor: 'CivicPay', for: BOTH, team: 'finance-hr', weight: 4,
    categories: ['Onboarding', 'Position control', 'Access'],
    symptoms: ['new hire not showing in position control', 'onboarding packet link expired', 'cannot update emergency contact'] },
  { key: 'finance', name: 'Financial System', vendor: 'LedgerPoint', for: BOTH, team: 'finance-hr', weight: 4,
    categories: ['Purchase orders', 'Budget reports', 'Access'],
    symptoms: ['purchase order stuck in approval', 'budget report totals do not match', 'year-end close job failed'] },
  { key: 'email', name: 'E-mail & Calendar', vendor: 'Microsoft', for: BOTH, team: 'desk', weight: 7,
    categories: ['Mailbox', 'Shared calendars', 'Phishing report'],
    symptoms: ['shared mailbox missing from Outlook', 'meeting invites not arriving', 'suspicious e-mail reported'] },
  { key: 'network', name: 'Network / VPN', vendor: 'In-house', for: BOTH, team: 'network', weight: 6,
    categories: ['VPN', 'Wi-Fi', 'Outage'],
    symptoms: ['VPN disconnects every few minutes', 'no Wi-Fi in the jury room', 'whole floor lost network'] },
  { key: 'print', name: 'Printers & Copiers', vendor: 'In-house', for: BOTH, team: 'field', weight: 7,
    categories: ['Printing', 'Scanning'],
    symptoms: ['printer jams on every job', 'scan to e-mail stopped working', 'prints come out blank'] },
  { key: 'workstation', name: 'Workstation / Laptop', vendor: 'In-house', for: BOTH, team: 'field', weight: 8,
    categories: ['Hardware', 'Software install', 'Performance'],
    symptoms: ['laptop will not boot', 'needs Adobe Acrobat installed', 'second monitor not detected', 'very slow after update'] },
  { key: 'ad', name: 'Network Accounts', vendor: 'In-house', for: BOTH, team: 'desk', weight: 8,
    categories: ['Password reset', 'New account', 'Group membership'],
    symptoms: ['password expired while on leave', 'new clerk needs an account', 'needs access to shared drive'] },
];

export const TEAMS = [
  { key: 'desk', name: 'Service Desk', description: 'First point of contact; accounts, e-mail and anything not yet routed' },
  { key: 'court-apps', name: 'Court Applications', description: 'Case management and calendaring' },
  { key: 'efile-jury', name: 'E-Filing & Jury', description: 'E-filing portal and jury management' },
  { key: 'student-systems', name: 'Student Systems', description: 'SIS, special education, assessment and transportation' },
  { key: 'finance-hr', name: 'Finance & HR Systems', description: 'Payroll, personnel and financial systems' },
  { key: 'field', name: 'Field Services', description: 'On-site hardware, printers and courtroom A/V' },
  { key: 'network', name: 'Network & Infrastructure', description: 'Network, VPN and outages' },
] as const;

export function typeForCategory(category: string): TicketType | null {
  if (/access|password|new account|group membership/i.test(category)) return 'access';
  if (/onboarding|software install/i.test(category)) return 'service_request';
  return null;
}

export const FIRST_NAMES = [
  'Ana', 'Ben', 'Carmen', 'Dana', 'Elena', 'Farid', 'Grace', 'Héctor', 'Imani', 'Jorge', 'Kim', 'Lucía', 'Marcus',
  'Nguyễn', 'Olivia', 'Priya', 'Quinn', 'Rosa', 'Samuel', 'Tanya', 'Uriel', 'Vanessa', 'Wei', 'Ximena', 'Yusuf',
  'Zoë', 'Aaliyah', 'Bao', 'Chloé', 'Diego', 'Esther', 'Francisco', 'Gabriel', 'Hana', 'Isaac', 'Jasmine', 'Kenji',
  'Leilani', 'Miguel', 'Noor', 'Oscar', 'Patricia', 'Rahul', 'Sofía', 'Thomas', 'Valeria', 'William', 'Yolanda',
  'José', 'María', 'Raúl', 'Siobhán', 'Björn', 'Amara', 'Tomás', 'Renée', 'Dmitri', 'Fatima', 'Mateo', 'Ngozi',
] as const;

export const LAST_NAMES = [
  'Garcia', 'Nguyen', 'Smith', 'Hernández', 'Johnson', 'Lee', 'Martinez', 'Okafor', 'Patel', 'Kim', 'Lopez',
  'Williams', 'Chen', 'Gonzalez', 'Brown', 'Singh', 'Ramírez', 'Davis', 'Wong', 'Torres', 'Miller', 'Flores',
  'O’Brien', 'Rivera', 'Yamamoto', 'Wilson', 'Sánchez', 'Anderson', 'Cruz', 'Thompson', 'Reyes', 'Moore', 'Huang',
  'Ortiz', 'Jackson', 'Morales', 'White', 'Castillo', 'Harris', 'Vásquez', 'Clark', 'Jiménez', 'Lewis', 'Müller',
  'Robinson', 'Díaz', 'Walker', 'Tran', 'Young', 'Mendoza', 'Allen', 'Aguilar', 'King', 'Zhang', 'Scott', 'Ali',
] as const;

export const REQUESTER_TITLES: Record<'state_court' | 'county_office_of_education', readonly string[]> = {
  state_court: ['Courtroom Clerk', 'Legal Processing Clerk', 'Judicial Assistant', 'Jury Services Supervisor', 'Court Reporter', 'Research Attorney', 'Court Operations Manager', 'Self-Help Attorney', 'Fiscal Technician'],
  county_office_of_education: ['School Secretary', 'Registrar', 'Payroll Technician', 'Teacher', 'Special Education Coordinator', 'Program Specialist', 'Accounting Technician', 'Principal', 'Attendance Clerk'],
};

export const STAFF_TITLES = ['Business Systems Analyst', 'Field Support Technician', 'Senior Systems Analyst', 'Applications Specialist', 'Service Desk Analyst'] as const;

export const DESCRIPTION_OPENERS = [
  'Called in from {site}:',
  'Reported by e-mail:',
  'Walked up to the counter at {site}.',
  'Noticed during the morning calendar call.',
  'Second time this week.',
] as const;

export const DESCRIPTION_DETAILS = [
  'Error shown: "{code}". Happens on every attempt.',
  'Affects case {case} and possibly others in Dept. {dept}.',
  'Started after the update last night; worked fine yesterday.',
  'User restarted the computer already; no change.',
  'Three other people in the office see the same thing.',
  'Needed before the {time} hearing.',
  'Screenshot attached by the requester; shows {code}.',
  'Student ID {student} is one of the affected records.',
  'Only happens in Chrome; Edge works.',
  'Vendor status page shows no incident.',
] as const;

export const WORKLOG_BODIES: Record<'public_update' | 'internal_note' | 'phone_call' | 'email' | 'site_visit', readonly string[]> = {
  public_update: ['We are looking into this and will update you by end of day.', 'A fix has been applied; please try again and let us know.', 'The vendor has confirmed the issue and is working on a patch.', 'Your access request has been approved and is being set up.'],
  internal_note: ['Reproduced on test; looks like a permissions issue on the {system} role.', 'Checked logs: {code} at the time reported.', 'Vendor case VND-{num} opened.', 'Likely related to last night’s maintenance window.', 'Cleared cached credentials; monitoring.'],
  phone_call: ['Called the requester; walked through clearing the browser cache.', 'Left voicemail asking for the exact error message.', 'Spoke with the clerk; issue confirmed on two workstations.', 'Called vendor support, ticket VND-{num}.'],
  email: ['Sent instructions for re-registering the account.', 'Asked for a screenshot of the error.', 'E-mailed the requester the workaround steps.'],
  site_visit: ['On site at {site}; replaced the network cable and tested.', 'Visited Dept. {dept}; reseated the dock and updated drivers.', 'On site; swapped the toner and cleared the jam.'],
};

export const RESOLUTION_TEXTS = [
  'Reset the account and confirmed the user can sign in.',
  'Applied the vendor patch; filing now goes through.',
  'Corrected the role assignment in {system}.',
  'Replaced faulty hardware and tested with the user.',
  'Walked the user through the correct steps; no fault in the system.',
  'Cleared the stuck queue and reprocessed the batch.',
  'Reinstalled the application and restored settings.',
] as const;

export const ROOT_CAUSES = ['', '', 'Expired certificate on the integration server.', 'Role missing after a reorganisation.', 'Known vendor defect.', 'Driver update broke the dock.', 'User training gap.'] as const;

export const TAG_POOL = ['vpn', 'printer', 'new-hire', 'courtroom', 'kiosk', 'state-reporting', 'year-end', 'remote', 'vip', 'recurring'] as const;
