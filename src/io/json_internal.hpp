// Shared by the src/io/json_*.cpp files (load, read, syntax, save) and src/io/lint.cpp: the strict
// parser, the value walker, the position finder and the diagnostics helpers. Not installed.
#ifndef COMPLIANCE_SRC_JSON_INTERNAL_HPP
#define COMPLIANCE_SRC_JSON_INTERNAL_HPP

#include "compliance/json.hpp"

#include "io/tape.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace compliance::detail {

// Reading compliance-registry/1 documents (registry-format.md).
//
// Loading is two passes over the text only when something is wrong: the fast pass lays the
// document out as a tape (tape.hpp: one flat array of nodes, strings left in the text) and notes
// repeated keys; the value walker reads the records off the tape and collects every problem with
// its JSON pointer; then, and only when there are diagnostics, a position-tracking pass over the
// text gives each pointer its line:column and names every duplicate key. A good document never
// pays for positions, and never builds a boost::json::value.
// (The fast pass: json_load.cpp and tape_handler.hpp; the walker: json_read.cpp; the position
// pass: json_syntax.cpp.)

/// An error diagnostic at `pointer`, its position not known yet (locate() fills it).
inline diagnostic make_error(errc code, std::string pointer, std::string message) {
  return diagnostic{code, diagnostic_level::error, std::move(pointer), 0, 0, std::move(message), {}};
}

/// `d` alone, as a failed result's diagnostics.
inline diagnostics one(diagnostic d) { return diagnostics{{std::move(d)}}; }

/// The outcome of the fast parse (stage 1).
struct parsed_text {
  detail::tape tape;                 ///< views into the parsed text, which must outlive it
  std::optional<diagnostic> failure; ///< set when the text is not acceptable JSON (no position yet)
  bool duplicate_keys = false;       ///< some object had a key twice (found again by locate())
};

/// Parses `text` with Boost.JSON's basic_parser, with our depth and string limits, into a tape;
/// notes whether some object repeats a key.
parsed_text parse_text(std::string_view text);

/// What the value walker saw besides diagnostics: which evidence had a read error, so that
/// lint's rule checks never look at a half-read record.
struct walk_report {
  /// (vendor, evidence) of every evidence with a read error, in document order (so sorted).
  std::vector<std::pair<std::size_t, std::size_t>> evidence_with_errors;
  std::size_t errors = 0;
  /// True when evidence `j` of vendor `i` was read without error.
  bool clean(std::size_t i, std::size_t j) const {
    return !std::binary_search(evidence_with_errors.begin(), evidence_with_errors.end(), std::make_pair(i, j));
  }
};

/// Hears of the vendors as the value walker reads them: load() checks and indexes each one
/// while it is fresh in the caches (registry_impl.hpp, assembler).
class vendor_listener {
public:
  virtual ~vendor_listener() = default;
  /// Before the first of `count` vendors, with the document's policy and frameworks read into
  /// `header`.
  virtual void start(const registry_data& header, std::size_t count) = 0;
  /// The (empty) object to read vendor `index` into.
  virtual vendor& next(std::size_t index) = 0;
  /// Vendor `index` has been read into next(index); `clean`: the document has had no error so far.
  virtual void read(std::size_t index, bool clean) = 0;
};

/// Stage 2: reads `root` into `out`, appending an error for every problem (and, when
/// `warn_unknown`, an `unknown-field` warning for every field the format does not define).
/// `out` holds whatever could be read even when errors were found.
walk_report read_document(const jvalue& root, registry_data& out, std::vector<diagnostic>& diags,
                          bool warn_unknown, vendor_listener* listener = nullptr);

/// load()'s one pass: parses `text` and reads the header into `header`, and each vendor, as soon
/// as the parser completes it, into `listener` (the tape never holds more than one vendor).
/// True when the document was clean and taken whole this way; false on any problem, or when a
/// member follows the root's `vendors`: the caller then runs the stages one after the other
/// (parse_text, read_document), which report every problem.
bool read_streaming(std::string_view text, registry_data& header, vendor_listener& listener);

/// The second pass over the text: fills line:column of every diagnostic from its pointer (a
/// missing member takes the position of its nearest existing ancestor); when
/// `find_duplicates`, appends a duplicate_key error for every repeated key; when
/// `syntax_failure` is given, positions it where the parser stopped and appends it.
void locate(std::string_view text, std::vector<diagnostic>& diags, bool find_duplicates,
            std::optional<diagnostic> syntax_failure);

/// Orders diagnostics by line:column (stable; unknown positions first).
void sort_by_position(std::vector<diagnostic>& diags);



/// Reads a whole file; on failure returns a diagnostic with the OS reason.
bool read_file(const std::string& path, std::string& out, diagnostic& failure);

/// Prefixes every message with `path: `.
void prefix_messages(std::vector<diagnostic>& diags, const std::string& path);

// ---------------------------------------------------------------------------------------------
// Test-only: a fault-injection seam for save_file().
//
// A full disk, a read-only file system, a write cut short or a failing fsync cannot be staged on
// a real file system by a test that runs as root (permission bits do not stop root) and must not
// touch devices (renaming over /dev/full would replace it). So save_file() makes its POSIX calls
// through this table, and tests wrap the real calls to make them fail. The library never installs
// anything: only tests do, with save_file_ops_override, while no other thread is saving.

/// The calls save_file() makes on POSIX systems, with the POSIX signatures (`write` returns
/// ssize_t as std::ptrdiff_t) and errno for the reason of a failure. Not used elsewhere.
struct save_file_ops {
  std::function<int(const char* path, int flags, unsigned mode)> open; ///< the temporary file, then its directory
  std::function<std::ptrdiff_t(int fd, const void* data, std::size_t size)> write;
  std::function<int(int fd)> fsync; ///< the temporary file, then (after the rename) its directory
  std::function<int(int fd)> close;
  std::function<int(const char* from, const char* to)> rename;
};

/// ::open, ::write, ::fsync, ::close and ::rename themselves, for test hooks to delegate to
/// (empty on systems without them).
const save_file_ops& real_save_file_ops();

/// The table save_file() uses now: real_save_file_ops() unless a test installed another.
const save_file_ops& current_save_file_ops() noexcept;

/// Test-only. Makes save_file() use `ops` (members left empty keep the real call) until the
/// guard is destroyed, then restores what was installed before. The swap itself is atomic, but a
/// save running in another thread meanwhile would see the injected faults: install only when no
/// other thread saves. Guards nest (destroy them in reverse order).
class save_file_ops_override {
public:
  explicit save_file_ops_override(save_file_ops ops);
  ~save_file_ops_override();
  save_file_ops_override(const save_file_ops_override&) = delete;
  save_file_ops_override& operator=(const save_file_ops_override&) = delete;

private:
  save_file_ops ops_;
  const save_file_ops* previous_;
};

} // namespace compliance::detail

#endif
