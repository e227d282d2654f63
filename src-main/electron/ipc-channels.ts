export const IPC_INVOKE = 'sep2:invoke'
export const IPC_EVENT = 'sep2:event'
