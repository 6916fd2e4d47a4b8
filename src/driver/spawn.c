/* spawn.c: an external filter run as a subprocess, standard input to
 * standard output, with no shell between. */
#define _GNU_SOURCE /* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../error.h"
#include "driver.h"

extern char **environ;

#define ERRS_MAX (64u << 10) /* a filter's messages kept, at most */

static void close_fd(int *fd) {
  if (*fd >= 0) close(*fd);
  *fd = -1;
}

/* Read what is there from fd into b (up to max bytes when max > 0; the
 * rest is read and dropped); false at the end of the stream. */
static bool drain(int *fd, buf *b, size_t max) {
  char chunk[65536];
  ssize_t n = read(*fd, chunk, sizeof chunk);
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return true;
  if (n <= 0) {
    close_fd(fd);
    return false;
  }
  size_t keep = (size_t)n;
  if (max && b->len + keep > max) keep = b->len < max ? max - b->len : 0;
  buf_append(b, chunk, keep);
  return true;
}

int drv_spawn(const char *exe, char *const argv[], const char *in, size_t len, bool feed, buf *out,
              buf *errs, const volatile sig_atomic_t *stop, colette_error *err) {
  int pin[2] = {-1, -1}, pout[2] = {-1, -1}, perr[2] = {-1, -1};
  if (pipe2(pin, O_CLOEXEC) != 0 || pipe2(pout, O_CLOEXEC) != 0 || pipe2(perr, O_CLOEXEC) != 0) {
    error_set(err, COLETTE_ERR_IO, NULL, "cannot make a pipe: %s", strerror(errno));
    for (int i = 0; i < 2; i++) {
      close_fd(&pin[i]);
      close_fd(&pout[i]);
      close_fd(&perr[i]);
    }
    return -1;
  }
  posix_spawn_file_actions_t fa;
  posix_spawnattr_t at;
  posix_spawn_file_actions_init(&fa);
  posix_spawnattr_init(&at);
  if (feed)
    posix_spawn_file_actions_adddup2(&fa, pin[0], 0);
  else
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, pout[1], 1);
  posix_spawn_file_actions_adddup2(&fa, perr[1], 2);
  /* what colette ignores or blocks (SIGPIPE while it feeds a pipe, SIGINT
   * in a batch) the filter must not inherit */
  sigset_t def, none;
  sigemptyset(&def);
  sigaddset(&def, SIGPIPE);
  sigaddset(&def, SIGINT);
  sigaddset(&def, SIGTERM);
  sigaddset(&def, SIGHUP);
  sigemptyset(&none);
  posix_spawnattr_setsigdefault(&at, &def);
  posix_spawnattr_setsigmask(&at, &none);
  posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  pid_t pid;
  int rc = posix_spawn(&pid, exe, &fa, &at, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&at);
  close_fd(&pin[0]);
  close_fd(&pout[1]);
  close_fd(&perr[1]);
  if (rc != 0) {
    error_set(err, COLETTE_ERR_IO, NULL, "cannot run %s: %s", exe, strerror(rc));
    close_fd(&pin[1]);
    close_fd(&pout[0]);
    close_fd(&perr[0]);
    return -1;
  }
  if (!feed) close_fd(&pin[1]);
  if (pin[1] >= 0) fcntl(pin[1], F_SETFL, fcntl(pin[1], F_GETFL) | O_NONBLOCK);
  /* SIGPIPE blocked while feeding: a filter that exits before reading all
   * of its input gives EPIPE here, and its exit status says the rest */
  sigset_t pipe_set, old;
  sigemptyset(&pipe_set);
  sigaddset(&pipe_set, SIGPIPE);
  sigprocmask(SIG_BLOCK, &pipe_set, &old);
  size_t sent = 0;
  bool killed = false;
  while (pout[0] >= 0 || perr[0] >= 0) {
    if (pin[1] >= 0 && sent == len) close_fd(&pin[1]);
    if (stop && *stop && !killed) {
      kill(pid, SIGTERM);
      killed = true;
    }
    struct pollfd p[3];
    int np = 0, iin = -1, iout = -1, ierr = -1;
    if (pin[1] >= 0) p[iin = np++] = (struct pollfd){pin[1], POLLOUT, 0};
    if (pout[0] >= 0) p[iout = np++] = (struct pollfd){pout[0], POLLIN, 0};
    if (perr[0] >= 0) p[ierr = np++] = (struct pollfd){perr[0], POLLIN, 0};
    int k = poll(p, (nfds_t)np, 200);
    if (k < 0 && errno != EINTR) break;
    if (k <= 0) continue;
    if (iin >= 0 && p[iin].revents) {
      ssize_t w = write(pin[1], in + sent, len - sent > 65536 ? 65536 : len - sent);
      if (w > 0)
        sent += (size_t)w;
      else if (w < 0 && errno != EAGAIN && errno != EINTR)
        close_fd(&pin[1]); /* EPIPE: the filter stopped reading */
    }
    if (iout >= 0 && p[iout].revents) drain(&pout[0], out, 0);
    if (ierr >= 0 && p[ierr].revents) drain(&perr[0], errs, ERRS_MAX);
  }
  close_fd(&pin[1]);
  close_fd(&pout[0]);
  close_fd(&perr[0]);
  /* a SIGPIPE raised while blocked is consumed, not delivered */
  struct timespec zero = {0, 0};
  while (sigtimedwait(&pipe_set, NULL, &zero) > 0) {
  }
  sigprocmask(SIG_SETMASK, &old, NULL);
  int status;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      error_set(err, COLETTE_ERR_IO, NULL, "cannot wait for %s: %s", exe, strerror(errno));
      return -1;
    }
  }
  if (!buf_ok(out)) {
    error_set(err, COLETTE_ERR_NOMEM, NULL, "out of memory");
    return -1;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}
