import type { Migration } from 'kysely';
import * as initial from './0001_initial';
import * as staffAccounts from './0002_staff_accounts';
import * as outboxDelivery from './0003_outbox_delivery';
import * as unanswered from './0004_unanswered';
import * as turnStats from './0005_turn_stats';
import * as answerVersions from './0006_answer_versions';
import * as attachments from './0007_attachments';
import * as latestConversation from './0008_latest_conversation';
import * as nluModels from './0009_nlu_models';
import * as funnelSteps from './0010_funnel_steps';
import * as dashboardRollups from './0011_dashboard_rollups';

/** Every migration, by name; names sort in the order they apply. Add new ones here. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_staff_accounts': staffAccounts,
  '0003_outbox_delivery': outboxDelivery,
  '0004_unanswered': unanswered,
  '0005_turn_stats': turnStats,
  '0006_answer_versions': answerVersions,
  '0007_attachments': attachments,
  '0008_latest_conversation': latestConversation,
  '0009_nlu_models': nluModels,
  '0010_funnel_steps': funnelSteps,
  '0011_dashboard_rollups': dashboardRollups,
};
