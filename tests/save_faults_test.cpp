#include "compliance/json.hpp"

#include "test_files.hpp"

// F4 (saving, see json_test.cpp) under faults: a full disk, a read-only file system or directory,
// a path that is a directory, a write cut short, a failing fsync, close or rename. Every time,
// save_file() must fail with one io_error whose message names the path and the operating system's
// reason, leave the previous file byte for byte as it was, and leave no temporary file behind.
//
// The tests run as root in CI, where permission bits stop nothing, and they must never touch a
// device: renaming over /dev/full would replace the device node. So the faults are injected
// through save_file()'s test-only seam (detail::save_file_ops, src/json_internal.hpp), around the
// real calls on real files in a fresh temporary directory: the temporary file really exists and
// really holds what was written before the fault, and must really be removed. Only the
// directory cases (a directory in the way, a missing or a read-only directory) use the real file
// system's own errors.

#include "io/json_internal.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <set>
#include <sstream>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef COMPLIANCE_SAMPLE_REGISTRY
#error "COMPLIANCE_SAMPLE_REGISTRY must name data/sample-registry.json"
#endif

namespace fs = std::filesystem;
using namespace compliance;

namespace {

using test_files::slurp;
using test_files::spit;
using test_files::temp_dir;

/// What is saved: the sample registry, about 25 KB, so that a save takes several writes when
/// they are cut short.
const registry_data& new_data() {
  static const registry_data data = load_file_or_throw(COMPLIANCE_SAMPLE_REGISTRY).data();
  return data;
}

/// What was on disk before: another valid registry, with its own permission bits.
const std::string previous_text = R"({
  "format": "compliance-registry/1",
  "vendors": [{"id": "acme", "name": "The previous file"}]
}
)";

const detail::save_file_ops& real() { return detail::real_save_file_ops(); }

/// Installs `ops` through the seam for its lifetime, and checks at the end that every descriptor
/// save_file() opened through it was closed again, whatever failed.
class injected {
public:
  explicit injected(detail::save_file_ops ops) : guard_(track(std::move(ops))) {}
  ~injected() { CHECK_MESSAGE(open_fds_.empty(), open_fds_.size() << " descriptor(s) left open"); }
  injected(const injected&) = delete;
  injected& operator=(const injected&) = delete;

private:
  detail::save_file_ops track(detail::save_file_ops ops) {
    auto open = ops.open ? ops.open : real().open;
    auto close = ops.close ? ops.close : real().close;
    ops.open = [this, open](const char* path, int flags, unsigned mode) {
      const int fd = open(path, flags, mode);
      if (fd >= 0) open_fds_.insert(fd);
      return fd;
    };
    ops.close = [this, close](int fd) {
      open_fds_.erase(fd); // released even when close() reports an error (Linux, POSIX 2024)
      return close(fd);
    };
    return ops;
  }

  std::set<int> open_fds_;
  detail::save_file_ops_override guard_; // after open_fds_: installed last, removed first
};

/// A hook that fails with `err`.
template <class R = int>
R fail(int err) {
  errno = err;
  return R(-1);
}

/// A directory holding `registry.json` (previous_text, mode 0640) where saves go.
struct scene {
  temp_dir dir;
  fs::path target = dir.path / "registry.json";
  scene() {
    spit(target, previous_text);
    REQUIRE(::chmod(target.c_str(), 0640) == 0);
  }
};

/// A refused save: one io_error naming `path` first and the reason `cause`, with `step` (which
/// call failed) in the message.
void check_refusal(const boost::system::result<void, diagnostics>& saved, const fs::path& path,
                   const std::string& cause, const std::string& step) {
  REQUIRE_MESSAGE(!saved, "the save succeeded; expected: " << cause);
  const diagnostics errors = saved.error(); // a copy: error() of a const result returns by value
  REQUIRE(errors.items.size() == 1);
  const diagnostic& d = errors.items[0];
  CAPTURE(d.message);
  CHECK(d.code == errc::io_error);
  CHECK(d.level == diagnostic_level::error);
  CHECK(d.pointer.empty());
  CHECK(d.message.rfind(path.string() + ": ", 0) == 0); // the path comes first
  CHECK(d.message.find(step) != std::string::npos);
  CHECK(d.message.find(": " + cause + ";") != std::string::npos); // strerror's text
  CHECK(d.message.find("the previous file, if any, is unchanged") != std::string::npos);
}

/// Saves new_data() with the faults `make_ops()` gives (fresh for each save, as hooks may count)
/// over an existing file, then to a new name, then with the throwing form; each must fail for
/// `cause`, leave `registry.json` byte for byte and mode as it was, create nothing and leave no
/// temporary file.
void expect_refused(const std::function<detail::save_file_ops()>& make_ops, const std::string& cause,
                    const std::string& step) {
  scene s;
  {
    injected faults(make_ops());
    check_refusal(save_file(new_data(), s.target.string()), s.target, cause, step);
  }
  CHECK(slurp(s.target) == previous_text);
  struct ::stat st {};
  REQUIRE(::stat(s.target.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0640);
  CHECK(s.dir.entries() == std::set<std::string>{"registry.json"});

  const fs::path fresh = s.dir.path / "fresh.json";
  {
    injected faults(make_ops());
    check_refusal(save_file(new_data(), fresh.string()), fresh, cause, step);
  }
  CHECK(s.dir.entries() == std::set<std::string>{"registry.json"});

  {
    injected faults(make_ops());
    try {
      save_file_or_throw(new_data(), s.target.string());
      FAIL("save_file_or_throw did not throw");
    } catch (const document_error& e) {
      CHECK(std::string(e.what()).find(cause) != std::string::npos);
      REQUIRE(e.diagnostics().items.size() == 1);
      CHECK(e.diagnostics().items[0].code == errc::io_error);
    }
  }
  CHECK(slurp(s.target) == previous_text);
  CHECK(s.dir.entries() == std::set<std::string>{"registry.json"});
  // The seam is the real calls again.
  CHECK(&detail::current_save_file_ops() == &detail::real_save_file_ops());
}

/// A disk with room for `room` more bytes: writes go to the real temporary file until it is
/// full, then fail with ENOSPC, as /dev/full does from its first byte.
detail::save_file_ops disk_with_room(std::size_t room) {
  detail::save_file_ops ops;
  auto used = std::make_shared<std::size_t>(0);
  ops.write = [room, used](int fd, const void* data, std::size_t size) -> std::ptrdiff_t {
    if (*used >= room) {
      struct ::stat st {};
      CHECK(::fstat(fd, &st) == 0);
      CHECK(static_cast<std::size_t>(st.st_size) == room); // the temporary file really held it
      return fail<std::ptrdiff_t>(ENOSPC);
    }
    const std::ptrdiff_t n = real().write(fd, data, std::min(size, room - *used));
    if (n > 0) *used += static_cast<std::size_t>(n);
    return n;
  };
  return ops;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Injected faults.

TEST_CASE("F4 save_file on a full disk (ENOSPC from the first byte, as /dev/full) keeps the previous file") {
  expect_refused([] { return disk_with_room(0); }, "No space left on device", "cannot write the temporary file");
}

TEST_CASE("F4 save_file on a disk that fills up after 4096 bytes keeps the previous file") {
  REQUIRE(to_json(new_data()).size() > 3 * 4096);
  expect_refused([] { return disk_with_room(4096); }, "No space left on device", "cannot write the temporary file");
}

TEST_CASE("F4 save_file on a read-only file system (EROFS) keeps the previous file") {
  expect_refused(
      [] {
        detail::save_file_ops ops;
        ops.open = [](const char*, int, unsigned) { return fail(EROFS); };
        return ops;
      },
      "Read-only file system", "cannot create a temporary file in ");
}

TEST_CASE("F4 save_file in a directory it may not write (EACCES) keeps the previous file") {
  expect_refused(
      [] {
        detail::save_file_ops ops;
        ops.open = [](const char*, int, unsigned) { return fail(EACCES); };
        return ops;
      },
      "Permission denied", "cannot create a temporary file in ");
}

TEST_CASE("F4 save_file interrupted midway (a short write, then EIO) keeps the previous file") {
  expect_refused(
      [] {
        detail::save_file_ops ops;
        auto calls = std::make_shared<int>(0);
        ops.write = [calls](int fd, const void* data, std::size_t size) -> std::ptrdiff_t {
          if ((*calls)++ == 0) return real().write(fd, data, size / 2); // half of it, and says so
          return fail<std::ptrdiff_t>(EIO);
        };
        return ops;
      },
      "Input/output error", "cannot write the temporary file");
}

TEST_CASE("F4 save_file whose fsync fails (EIO) keeps the previous file") {
  expect_refused(
      [] {
        detail::save_file_ops ops;
        ops.fsync = [](int) { return fail(EIO); };
        return ops;
      },
      "Input/output error", "to disk");
}

TEST_CASE("F4 save_file whose close fails (EIO, a late write error) keeps the previous file") {
  expect_refused(
      [] {
        detail::save_file_ops ops;
        ops.close = [](int fd) {
          (void)real().close(fd); // the descriptor is gone, and the data may not have reached the disk
          return fail(EIO);
        };
        return ops;
      },
      "Input/output error", "cannot close the temporary file");
}

TEST_CASE("F4 save_file whose rename fails (EXDEV) keeps the previous file") {
  expect_refused(
      [] {
        detail::save_file_ops ops;
        ops.rename = [](const char*, const char*) { return fail(EXDEV); };
        return ops;
      },
      "Invalid cross-device link", "cannot replace the file with the temporary file");
}

TEST_CASE("F4 save_file whose write makes no progress reports a full disk instead of looping") {
  expect_refused(
      [] {
        detail::save_file_ops ops;
        ops.write = [](int, const void*, std::size_t) -> std::ptrdiff_t { return 0; };
        return ops;
      },
      "No space left on device", "cannot write the temporary file");
}

TEST_CASE("F4 save_file continues short writes and retries EINTR, and the save completes") {
  scene s;
  std::size_t calls = 0;
  {
    detail::save_file_ops ops;
    ops.write = [&calls](int fd, const void* data, std::size_t size) -> std::ptrdiff_t {
      if (calls++ % 2 == 1) return fail<std::ptrdiff_t>(EINTR); // a signal arrived
      return real().write(fd, data, std::min<std::size_t>(size, 1000));
    };
    injected faults(std::move(ops));
    auto saved = save_file(new_data(), s.target.string());
    REQUIRE_MESSAGE(saved.has_value(), saved.error().to_string());
  }
  const std::size_t chunks = (to_json(new_data()).size() + 999) / 1000;
  CHECK(calls == 2 * chunks - 1); // every chunk written once, with an EINTR between two
  CHECK(slurp(s.target) == to_json(new_data()));
  struct ::stat st {};
  REQUIRE(::stat(s.target.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0640);
  CHECK(s.dir.entries() == std::set<std::string>{"registry.json"});
}

TEST_CASE("F4 a failed fsync of the directory after the rename does not fail a completed save") {
  scene s;
  int directory_fd = -1;
  int directory_syncs = 0;
  {
    detail::save_file_ops ops;
    ops.open = [&](const char* path, int flags, unsigned mode) {
      const int fd = real().open(path, flags, mode);
      if ((flags & O_DIRECTORY) != 0) directory_fd = fd;
      return fd;
    };
    ops.fsync = [&](int fd) {
      if (fd != directory_fd) return real().fsync(fd);
      ++directory_syncs;
      return fail(EIO);
    };
    injected faults(std::move(ops));
    auto saved = save_file(new_data(), s.target.string());
    REQUIRE_MESSAGE(saved.has_value(), saved.error().to_string());
  }
  CHECK(directory_syncs == 1); // the rename was made durable, or tried to be
  CHECK(slurp(s.target) == to_json(new_data()));
  CHECK(s.dir.entries() == std::set<std::string>{"registry.json"});
}

TEST_CASE("F4 a fault while saving through a symbolic link keeps the file it names and the link") {
  scene s;
  fs::create_symlink("registry.json", s.dir.path / "link.json");
  {
    detail::save_file_ops ops;
    ops.rename = [](const char*, const char*) { return fail(EXDEV); };
    injected faults(std::move(ops));
    check_refusal(save_file(new_data(), (s.dir.path / "link.json").string()), s.dir.path / "link.json",
                  "Invalid cross-device link", "cannot replace the file");
  }
  CHECK(fs::is_symlink(s.dir.path / "link.json"));
  CHECK(slurp(s.target) == previous_text);
  CHECK(s.dir.entries() == std::set<std::string>{"link.json", "registry.json"});
}

// ---------------------------------------------------------------------------------------------
// The real file system's own errors.

TEST_CASE("F4 save_file where the path is a directory fails, naming the cause, and leaves it as it was") {
  temp_dir dir;
  const fs::path target = dir.path / "registry.json";
  fs::create_directory(target);
  spit(target / "keep.txt", "kept\n");
  check_refusal(save_file(new_data(), target.string()), target, "Is a directory",
                "cannot replace the file with the temporary file");
  CHECK(fs::is_directory(target));
  CHECK(slurp(target / "keep.txt") == "kept\n");
  CHECK(dir.entries() == std::set<std::string>{"registry.json"}); // the temporary file was removed
  std::set<std::string> inside;
  for (const auto& e : fs::directory_iterator(target)) inside.insert(e.path().filename().string());
  CHECK(inside == std::set<std::string>{"keep.txt"});
}

TEST_CASE("F4 save_file into a missing directory fails, naming the directory and the cause, and creates nothing") {
  temp_dir dir;
  const fs::path target = dir.path / "no-such-dir" / "registry.json";
  check_refusal(save_file(new_data(), target.string()), target, "No such file or directory",
                "cannot create a temporary file in " + (dir.path / "no-such-dir").string());
  CHECK(dir.entries().empty());
}

TEST_CASE("F4 save_file in a read-only directory (chmod 0555) fails and keeps the previous file") {
  if (::geteuid() == 0) {
    MESSAGE("skipped: running as root, whom permission bits do not stop (the EACCES and EROFS cases "
            "are covered by injected faults)");
    return;
  }
  scene s;
  REQUIRE(::chmod(s.dir.path.c_str(), 0555) == 0);
  const auto saved = save_file(new_data(), s.target.string());
  ::chmod(s.dir.path.c_str(), 0755);
  check_refusal(saved, s.target, "Permission denied", "cannot create a temporary file in ");
  CHECK(slurp(s.target) == previous_text);
  CHECK(s.dir.entries() == std::set<std::string>{"registry.json"});
}

TEST_CASE("F4 save_file through a dangling symbolic link creates the file it names and keeps the link") {
  temp_dir dir;
  fs::create_directory(dir.path / "real");
  fs::create_symlink(fs::path("real") / "registry.json", dir.path / "link.json");
  auto saved = save_file(new_data(), (dir.path / "link.json").string());
  REQUIRE_MESSAGE(saved.has_value(), saved.error().to_string());
  CHECK(fs::is_symlink(dir.path / "link.json"));
  CHECK(slurp(dir.path / "real" / "registry.json") == to_json(new_data()));
  CHECK(dir.entries() == std::set<std::string>{"link.json", "real"});
}

TEST_CASE("F4 save_file through a chain of symbolic links replaces the last file and keeps every link") {
  temp_dir dir;
  fs::create_directory(dir.path / "a");
  fs::create_directory(dir.path / "b");
  spit(dir.path / "b" / "registry.json", previous_text);
  fs::create_symlink(dir.path / "b" / "registry.json", dir.path / "a" / "second.json"); // absolute
  fs::create_symlink(fs::path("a") / "second.json", dir.path / "first.json");           // relative
  auto saved = save_file(new_data(), (dir.path / "first.json").string());
  REQUIRE_MESSAGE(saved.has_value(), saved.error().to_string());
  CHECK(fs::is_symlink(dir.path / "first.json"));
  CHECK(fs::is_symlink(dir.path / "a" / "second.json"));
  CHECK(slurp(dir.path / "b" / "registry.json") == to_json(new_data()));
}

TEST_CASE("F4 save_file through a loop of symbolic links fails and leaves the links as they were") {
  temp_dir dir;
  fs::create_symlink("two.json", dir.path / "one.json");
  fs::create_symlink("one.json", dir.path / "two.json");
  const fs::path target = dir.path / "one.json";
  check_refusal(save_file(new_data(), target.string()), target, "Too many levels of symbolic links",
                "cannot follow the symbolic link");
  CHECK(fs::is_symlink(dir.path / "one.json"));
  CHECK(fs::is_symlink(dir.path / "two.json"));
  CHECK(dir.entries() == std::set<std::string>{"one.json", "two.json"});
}
