#ifndef PILLAR_SYSTEM_CALLS_H
#define PILLAR_SYSTEM_CALLS_H

/// renameat2(2) with RENAME_EXCHANGE swaps two folders atomically. Glibc declares renameat2
/// only under _GNU_SOURCE, which Swift's Glibc module is not built with, so this small C target
/// reaches it (rather than declaring the symbol by name from Swift).
int pillar_exchange(const char *first, const char *second);

#endif
