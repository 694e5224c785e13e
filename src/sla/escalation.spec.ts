import { escalation } from './escalation';

describe('escalation rules', () => {
  const base = { assigneeId: 'u1', priority: 0, reassignOnBreach: false };

  it('50 %: nothing but the stamp', () => {
    expect(escalation({ ...base, kind: 'warning_50' })).toEqual({
      notify: [],
      priority: null,
      reassign: false,
    });
  });

  it('80 %: the holder, or the team when nobody holds it', () => {
    expect(escalation({ ...base, kind: 'warning_80' }).notify).toEqual([
      { audience: 'assignee', kind: 'sla_warning' },
    ]);
    expect(escalation({ ...base, assigneeId: null, kind: 'warning_80' }).notify).toEqual([
      { audience: 'team', kind: 'sla_warning' },
    ]);
  });

  it('breach: priority up, leads and holder told, reassigned only where the policy says so', () => {
    const plan = escalation({ ...base, priority: 3, kind: 'breach' });
    expect(plan.priority).toBe(4);
    expect(plan.notify.map((n) => n.audience)).toEqual(['leads', 'assignee']);
    expect(plan.reassign).toBe(false);
    expect(escalation({ ...base, reassignOnBreach: true, kind: 'breach' }).reassign).toBe(true);
    // nobody to take it from: it stays in the queue, leads told
    const unassigned = escalation({ ...base, assigneeId: null, reassignOnBreach: true, kind: 'breach' });
    expect(unassigned.reassign).toBe(false);
    expect(unassigned.notify.map((n) => n.audience)).toEqual(['leads']);
    expect(escalation({ ...base, priority: 100, kind: 'breach' }).priority).toBeNull();
  });
});
