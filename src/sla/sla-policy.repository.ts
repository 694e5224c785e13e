import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SlaPolicyEntity } from './sla-policy.entity';

/** The channel every instance hears a policy change on (see SlaPolicyService). */
export const SLA_POLICIES_CHANNEL = 'sla_policies';

/** sla_policies I/O. */
@Injectable()
export class SlaPolicyRepository {
  constructor(private readonly db: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.db.manager).getRepository(SlaPolicyEntity);
  }

  list(): Promise<SlaPolicyEntity[]> {
    return this.repo().find({
      order: {
        sourceId: { direction: 'ASC', nulls: 'FIRST' },
        intent: { direction: 'ASC', nulls: 'FIRST' },
        name: 'ASC',
      },
    });
  }

  /**
   * Row-locked (FOR NO KEY UPDATE: foreign-key checks on the row still pass) when the caller
   * read-modifies-writes it: concurrent edits then queue, and each one's "before" is the last one's "after".
   */
  findById(id: string, manager?: EntityManager, lock = false): Promise<SlaPolicyEntity | null> {
    if (!lock) return this.repo(manager).findOneBy({ id });
    return this.repo(manager)
      .createQueryBuilder('p')
      .setLock('for_no_key_update')
      .where('p.id = :id', { id })
      .getOne();
  }

  insert(values: Partial<SlaPolicyEntity>, manager?: EntityManager): Promise<SlaPolicyEntity> {
    const repo = this.repo(manager);
    return repo.save(repo.create(values));
  }

  save(policy: SlaPolicyEntity, manager?: EntityManager): Promise<SlaPolicyEntity> {
    return this.repo(manager).save(policy);
  }

  /**
   * Tells every instance the policies changed: NOTIFY in the caller's transaction, delivered on
   * commit (a rolled-back change announces nothing).
   */
  async announceChange(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_notify('${SLA_POLICIES_CHANNEL}', '')`);
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}
