/** The one spelling of an actor who is a user in audit entries and status changes; a process is "system:<process>". */
export const userActor = (userId: string) => `user:${userId}`;
