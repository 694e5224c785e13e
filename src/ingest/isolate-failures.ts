/**
 * Finding the items a batch cannot store (plain TypeScript, no database).
 *
 * A page goes into the database in one transaction by COPY, so one bad row fails the whole page
 * and says little about which row it was. When that failure is a data error (`isDataError`),
 * the page is split in halves and each half stored on its own, recursively: good halves commit,
 * and a failing unit that cannot be split further is the culprit. With k bad units among n this
 * costs O(k log n) extra commits; a page without bad items never comes here.
 *
 * A unit is all occurrences of one external id (an item and its edits, which must be stored in
 * order); a failing unit of several items is then tried item by item, so a bad edit does not
 * take its good original with it.
 */
export interface IsolationOutcome<T> {
  /** Items no attempt could store, with the error of their own attempt. */
  failed: Array<{ item: T; error: unknown }>;
}

export async function isolateFailures<T>(
  units: readonly (readonly T[])[],
  attempt: (units: readonly (readonly T[])[]) => Promise<void>,
  isDataError: (err: unknown) => boolean,
  /** The data error the whole batch failed with (so the whole is not tried again). */
  firstError: unknown,
): Promise<IsolationOutcome<T>> {
  const failed: IsolationOutcome<T>['failed'] = [];

  const run = async (part: readonly (readonly T[])[]): Promise<void> => {
    if (part.length === 0) return;
    try {
      await attempt(part);
      return;
    } catch (err) {
      if (!isDataError(err)) throw err;
      if (part.length === 1) {
        const unit = part[0];
        if (unit.length === 1) failed.push({ item: unit[0], error: err });
        else for (const item of unit) await run([[item]]);
        return;
      }
    }
    await split(part);
  };

  const split = async (part: readonly (readonly T[])[]): Promise<void> => {
    const mid = part.length >> 1;
    await run(part.slice(0, mid));
    await run(part.slice(mid));
  };

  // The caller already knows the whole batch fails: start with its halves.
  if (units.length > 1) await split(units);
  else if (units.length === 1 && units[0].length === 1) failed.push({ item: units[0][0], error: firstError });
  else if (units.length === 1) for (const item of units[0]) await run([[item]]);
  return { failed };
}
