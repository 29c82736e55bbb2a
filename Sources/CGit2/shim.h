#include <git2.h>
#include <git2/sys/transport.h>
#include <git2/sys/stream.h>
#include <poll.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>
#include <fcntl.h>

/*
 * The socket stream telemt-gitops registers with git_stream_register(GIT_STREAM_STANDARD, ...)
 * so that every network read and write has a deadline (libgit2 1.5 has no timeout option).
 *
 * libgit2 1.5's SSH transport hands the socket to libssh2 by reading the field `s` of its own
 * internal `git_socket_stream` (src/libgit2/streams/socket.h: parent, host, port, s). The first
 * four fields below repeat that layout so the SSH transport finds our descriptor; the fields
 * after them are ours.
 */
typedef struct {
    git_stream parent;
    char *host;
    char *port;
    int s;
    /* Absolute deadline, CLOCK_MONOTONIC nanoseconds; 0 means none. */
    unsigned long long deadline_ns;
    /* Longest wait for a single read or write, milliseconds. */
    int idle_ms;
    /* Watchdog registration token (0 when not registered). */
    unsigned long long token;
} tg_socket_stream;

/* git_libgit2_opts is variadic, which Swift cannot call; these wrap the options we set. */
static inline int tg_set_mwindow_file_limit(size_t limit) {
    return git_libgit2_opts(GIT_OPT_SET_MWINDOW_FILE_LIMIT, limit);
}
static inline int tg_set_search_path_empty(int level) {
    return git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, "");
}
static inline int tg_set_cache_max_size(size_t bytes) {
    return git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)bytes);
}
static inline int tg_set_user_agent(const char *agent) {
    return git_libgit2_opts(GIT_OPT_SET_USER_AGENT, agent);
}
static inline int tg_fcntl_set_nonblocking(int fd) {
    int flags = fcntl(fd, F_GETFL, 0);
    if (flags < 0) return -1;
    return fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}
