import { useState, type FormEvent } from 'react';
import { Field } from '../../ui/Field';
import { dropFormDrafts, useDraftState } from '../../ui/useDraft';
import { useData } from '../../app/data-context';

/** First run: name yourself and this device. Nothing else is needed to start working. */
export function Onboarding({ onDone }: { onDone: () => void }) {
  const { profile } = useData();
  // Kept as drafts, so a window closed before "Start working" does not lose them.
  const [staffName, setStaffName] = useDraftState('onboarding', 'device', 'staffName', '');
  const [deviceName, setDeviceName] = useDraftState('onboarding', 'device', 'deviceName', '');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await profile.save({ staffName, deviceName });
    if (res.ok) {
      dropFormDrafts('onboarding', 'device');
      onDone();
    }
    else setErrors(res.error.fields ?? { _: res.error.message });
  };

  return (
    <main className="onboarding">
      <form onSubmit={submit} noValidate aria-labelledby="welcome-title">
        <h1 id="welcome-title">Welcome to FieldDesk</h1>
        <p>
          Tickets, training and access requests, with or without a network. Everything you do is saved on this device first and
          synced when you are online.
        </p>
        <Field label="Your name" name="staffName" autoComplete="name" value={staffName} onChange={(e) => setStaffName(e.target.value)} error={errors.staffName} autoFocus />
        <Field
          label="This device"
          name="deviceName"
          hint="How this laptop shows up in the history of each record."
          value={deviceName}
          onChange={(e) => setDeviceName(e.target.value)}
          error={errors.deviceName}
        />
        <button type="submit" className="primary">
          Start working
        </button>
      </form>
    </main>
  );
}
