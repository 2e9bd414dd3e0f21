// save_file(): writes to_json() to a temporary file next to the target, flushes it and renames it
// over the target, so the file is always whole; with the test-only seam (save_file_ops) through
// which its POSIX calls go.
#include "compliance/json.hpp"

#include "io/json_internal.hpp"

#include <atomic>
#include <cerrno>
#include <filesystem>
#include <string>
#include <system_error>
#include <utility>

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#define COMPLIANCE_POSIX_FILES 1
#else
#include <fstream>
#define COMPLIANCE_POSIX_FILES 0
#endif

namespace compliance {

namespace detail {

namespace {

#if COMPLIANCE_POSIX_FILES
save_file_ops make_real_save_file_ops() {
  save_file_ops ops;
  ops.open = [](const char* path, int flags, unsigned mode) { return ::open(path, flags, static_cast<::mode_t>(mode)); };
  ops.write = [](int fd, const void* data, std::size_t size) -> std::ptrdiff_t { return ::write(fd, data, size); };
  ops.fsync = [](int fd) { return ::fsync(fd); };
  ops.close = [](int fd) { return ::close(fd); };
  ops.rename = [](const char* from, const char* to) { return ::rename(from, to); };
  return ops;
}
#else
save_file_ops make_real_save_file_ops() { return {}; }
#endif

/// What a test installed (save_file_ops_override); null: the real calls.
std::atomic<const save_file_ops*> installed_save_file_ops{nullptr};

} // namespace

const save_file_ops& real_save_file_ops() {
  static const save_file_ops ops = make_real_save_file_ops();
  return ops;
}

const save_file_ops& current_save_file_ops() noexcept {
  const save_file_ops* ops = installed_save_file_ops.load();
  return ops != nullptr ? *ops : real_save_file_ops();
}

save_file_ops_override::save_file_ops_override(save_file_ops ops) : ops_(std::move(ops)) {
  const save_file_ops& real = real_save_file_ops();
  if (!ops_.open) ops_.open = real.open;
  if (!ops_.write) ops_.write = real.write;
  if (!ops_.fsync) ops_.fsync = real.fsync;
  if (!ops_.close) ops_.close = real.close;
  if (!ops_.rename) ops_.rename = real.rename;
  previous_ = installed_save_file_ops.exchange(&ops_);
}

save_file_ops_override::~save_file_ops_override() { installed_save_file_ops.store(previous_); }

} // namespace detail

namespace {

diagnostics save_failure(const std::string& path, const std::string& step, int err) {
  return detail::one(detail::make_error(errc::io_error, "",
                                path + ": " + step + ": " + boost::system::generic_category().message(err) +
                                    "; the previous file, if any, is unchanged."));
}

/// The file `target` names once the symbolic links at its end are followed: a link's target is
/// read, not checked, so a dangling link names the file it will create (the link stays a link).
/// Links among the directories before the last name are left to the kernel. Fails with the OS's
/// reason when a link cannot be read, ELOOP after 40 links (a loop).
bool follow_links(std::filesystem::path& target, int& err) {
  namespace fs = std::filesystem;
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code ec;
    if (!fs::is_symlink(target, ec)) return true; // a file, a directory or nothing yet: that is the target
    fs::path next = fs::read_symlink(target, ec);
    if (ec) {
      err = ec.value();
      return false;
    }
    target = next.is_absolute() ? std::move(next) : target.parent_path() / next;
  }
  err = ELOOP;
  return false;
}

} // namespace

boost::system::result<void, diagnostics> save_file(const registry_data& data, const std::string& path) {
  const std::string text = to_json(data);
  namespace fs = std::filesystem;
  // A symbolic link is followed: the file it names is replaced, and the link stays a link.
  fs::path target(path);
  if (int err = 0; !follow_links(target, err)) return save_failure(path, "cannot follow the symbolic link", err);
#if COMPLIANCE_POSIX_FILES
  const detail::save_file_ops& ops = detail::current_save_file_ops(); // the real calls, but in fault tests
  const std::string& real = target.native();
  // The temporary file sits next to the target so that rename() is atomic (same file system).
  static std::atomic<unsigned> counter{0};
  std::string temp;
  int fd = -1;
  int err = 0; // errno, saved at once: building a message may allocate, and that may change it
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    temp = real + ".tmp-" + std::to_string(static_cast<long>(::getpid())) + "-" + std::to_string(counter++);
    fd = ops.open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    err = errno;
    if (fd < 0 && err != EEXIST) break;
  }
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (fd < 0) return save_failure(path, "cannot create a temporary file in " + dir.string(), err);
  auto abandon = [&](const std::string& step, int reason) {
    (void)ops.close(fd);
    ::unlink(temp.c_str());
    return save_failure(path, step, reason);
  };
  struct ::stat existing {};
  if (::stat(real.c_str(), &existing) == 0 && S_ISREG(existing.st_mode))
    (void)::fchmod(fd, existing.st_mode & 07777); // keep the replaced file's permissions (best effort)
  std::size_t written = 0;
  while (written < text.size()) {
    const std::ptrdiff_t n = ops.write(fd, text.data() + written, text.size() - written);
    if (n < 0) {
      err = errno;
      if (err == EINTR) continue;
      return abandon("cannot write the temporary file " + temp, err);
    }
    // No progress and no reason: treated as a full disk rather than retried for ever.
    if (n == 0) return abandon("cannot write the temporary file " + temp, ENOSPC);
    written += static_cast<std::size_t>(n);
  }
  if (ops.fsync(fd) != 0) {
    err = errno;
    return abandon("cannot flush the temporary file " + temp + " to disk", err);
  }
  if (ops.close(fd) != 0) { // the descriptor is released all the same
    err = errno;
    ::unlink(temp.c_str());
    return save_failure(path, "cannot close the temporary file " + temp, err);
  }
  if (ops.rename(temp.c_str(), real.c_str()) != 0) {
    err = errno;
    ::unlink(temp.c_str());
    return save_failure(path, "cannot replace the file with the temporary file", err);
  }
  // Make the rename itself durable; failure here cannot undo a completed save, so it is not one.
  const int dfd = ops.open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dfd >= 0) {
    (void)ops.fsync(dfd);
    (void)ops.close(dfd);
  }
  return {};
#else
  const std::string temp = target.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) return save_failure(path, "cannot create the temporary file " + temp, errno);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) {
      const int err = errno;
      out.close();
      std::error_code ignored;
      fs::remove(temp, ignored);
      return save_failure(path, "cannot write the temporary file " + temp, err);
    }
  }
  std::error_code ec;
  fs::rename(temp, target, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    return save_failure(path, "cannot replace the file with the temporary file", ec.value());
  }
  return {};
#endif
}

void save_file_or_throw(const registry_data& data, const std::string& path) { save_file(data, path).value(); }

} // namespace compliance
