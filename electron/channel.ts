/** The one IPC channel between preload and main; every host call travels on it with its method name. */
export const HOST_CHANNEL = 'baraza:host';
