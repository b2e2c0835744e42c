/* glibc declares syncfs(2) only under _GNU_SOURCE, which Swift's Glibc module is not built with. */
extern int syncfs(int fd);
