// The case's own settings in its header: status, severity and owner, each saved as an action (so Undo reverses it).
import { useEffect, useState, type ReactNode } from 'react';
import { CaseStatusSchema, SeveritySchema, type CaseDetail } from '../../../shared/schemas';
import { updateOpenCase } from '../stores/analyst-actions';
import { useActionsStore } from '../stores/actions-store';

/** Status and severity selects and the owner field. */
export function CaseActionsBar({ detail }: { detail: CaseDetail }): ReactNode {
  const busy = useActionsStore((s) => s.busy);
  const saved = detail.owner ?? '';
  const [owner, setOwner] = useState(saved);
  useEffect(() => setOwner(saved), [saved, detail.id]);

  const commitOwner = (): void => {
    const next = owner.trim();
    if (next === saved) return;
    void updateOpenCase({ owner: next === '' ? null : next });
  };

  return (
    <div className="case-actions" aria-label="Case settings">
      <label>
        Status{' '}
        <select
          data-testid="case-status"
          value={detail.status}
          disabled={busy}
          onChange={(e) => {
            const status = CaseStatusSchema.safeParse(e.target.value).data;
            if (status !== undefined) void updateOpenCase({ status });
          }}
        >
          {CaseStatusSchema.options.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Severity{' '}
        <select
          data-testid="case-severity"
          value={detail.severity}
          disabled={busy}
          onChange={(e) => {
            const severity = SeveritySchema.safeParse(e.target.value).data;
            if (severity !== undefined) void updateOpenCase({ severity });
          }}
        >
          {SeveritySchema.options.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Owner{' '}
        <input
          type="text"
          className="text-input owner-input"
          data-testid="case-owner"
          placeholder="unassigned"
          value={owner}
          maxLength={200}
          onChange={(e) => setOwner(e.target.value)}
          onBlur={commitOwner}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitOwner();
            if (e.key === 'Escape') setOwner(saved);
          }}
        />
      </label>
    </div>
  );
}
