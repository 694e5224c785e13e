import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * JIT off inside the statement triggers that read transition tables. The planner knows a
 * transition table's row count but not how its rows join: for a page of 3,125 conversations it
 * guessed ~48,000 old×new pairs, each with a lateral read of items, so report_sla_cycles' INSERT in
 * report_conversations_updated cost ~15 M and PostgreSQL (jit_above_cost 100,000,
 * jit_inline/optimize_above_cost 500,000) compiled it with LLVM on every firing: 0.8–2.3 s of CPU
 * per ingest page for a statement that then ran in milliseconds (EXPLAIN ANALYZE: trigger 2.7 s →
 * 0.1 s). A function's SET clause holds while it runs, its queries' planning included; these
 * functions handle one statement's rows, where compiling never pays back.
 *
 * A later `CREATE OR REPLACE FUNCTION` of one of these must repeat `SET jit = off` (it replaces the
 * function's settings): test/database/trigger-jit.int-spec.ts checks every such trigger function.
 */
const TRANSITION_TRIGGER_FUNCTIONS = [
  'report_items_inserted',
  'report_items_updated',
  'report_conversations_updated',
  'report_tags_added',
  'report_tags_removed',
  'report_sla_cycles_inserted',
  'report_sla_cycles_updated',
  'otklik_search_doc_added',
  'otklik_search_doc_changed',
  'otklik_conversation_tag_ids',
];

export class TriggerFunctionsWithoutJit1732602000000 implements MigrationInterface {
  name = 'TriggerFunctionsWithoutJit1732602000000';

  public async up(q: QueryRunner): Promise<void> {
    for (const f of TRANSITION_TRIGGER_FUNCTIONS) await q.query(`ALTER FUNCTION ${f}() SET jit = off`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const f of TRANSITION_TRIGGER_FUNCTIONS) await q.query(`ALTER FUNCTION ${f}() RESET jit`);
  }
}
