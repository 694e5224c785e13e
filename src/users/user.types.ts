/** Who a person is to Otklik: admins run it, agents answer customers, analysts read. */
export type UserRole = 'admin' | 'agent' | 'analyst';

/** The signed-in user, as the session guard attaches it to the request. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  /** The lead flag (users.is_lead): a capability on top of the role. */
  isLead: boolean;
  sessionId: string;
}
