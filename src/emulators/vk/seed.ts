import { VkControl } from './control';

export const VK_DEMO = {
  groupId: 42,
  groupToken: 'vk1.demo-group-token',
  serviceToken: 'vk1.demo-service-token',
  userToken: 'vk1.demo-user-token',
} as const;

/** A community and its tokens with fixed, printable values (standalone emulators, demo mode). */
export function seedVkBasics(control: VkControl, ids: Partial<typeof VK_DEMO> = {}) {
  const v = { ...VK_DEMO, ...ids };
  control.community({ id: v.groupId, name: 'Acme', screen_name: 'acme' });
  control.token({ token: v.groupToken, kind: 'group', groupId: v.groupId, rps: 20 });
  control.token({ token: v.serviceToken, kind: 'service', rps: 20 });
  control.token({ token: v.userToken, kind: 'user', userId: 1, rps: 3, adminOf: [v.groupId] });
  control.user({ id: 1, first_name: 'Admin', last_name: 'Acme' });
  return v;
}
