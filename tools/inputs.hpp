#ifndef COMPLIANCE_TOOLS_INPUTS_HPP
#define COMPLIANCE_TOOLS_INPUTS_HPP

/// \file
/// What the command reads from its user — option values, dates, requirement expressions,
/// policy overrides, the registry file — turned into library values, or refused with the
/// one-line reason docs/cli.md promises (exit status 2).

#include <compliance/registry.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace compliance::cli {

/// Exit statuses, the same for every subcommand (docs/cli.md).
enum exit_status : int {
  exit_ok = 0,          ///< success; covered, with or without warnings
  exit_not_covered = 1, ///< check: not covered; lint: errors found
  exit_usage = 2,       ///< bad usage, unknown vendor, unreadable file, invalid data, bad input
};

/// A refusal of the command line or its inputs. `what()` is the one-line reason (no program
/// name, no newline); main() prints it after `compliance: ` and exits with exit_usage.
class usage_error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// `--format`.
enum class output_format { text, json };

/// The options every query subcommand takes (also accepted before the subcommand).
struct common_options {
  std::string data;            ///< --data FILE; empty means the bundled sample registry
  std::string on;              ///< --on YYYY-MM-DD; empty means today (G1: only the command reads the clock)
  std::string format = "text"; ///< --format text|json
};

/// The words of `--format`.
output_format format_of(const common_options& common);

/// The path of the bundled sample registry: `<exe dir>/../share/compliance/sample-registry.json`,
/// which holds both in the build tree (`bin/` next to `share/`) and after install.
/// \throws usage_error when the executable's own path cannot be found.
std::string bundled_registry_path();

/// The file of another bundled data file, found like bundled_registry_path().
std::string bundled_data_path(const std::string& file_name);

/// Loads and validates the registry at `path` (bundled_registry_path() when empty).
/// \throws usage_error with one line: the file, the count, the first error's pointer,
/// line:column and message.
registry load_registry(const std::string& path);

/// One line for a refused document: `FILE: <pointer> <line>:<column>: <message>`, or for several
/// errors `FILE: N errors; <first> (and N-1 more; run `compliance lint FILE`)`.
std::string one_line_summary(const std::string& path, const diagnostics& errors);

/// `message` without the `path: ` prefix json.hpp puts on file diagnostics.
std::string without_path_prefix(const std::string& message, const std::string& path);

/// A date given as option `flag` (`--on`, `--from`, ...), parsed strictly (YYYY-MM-DD, a real
/// calendar day). \throws usage_error naming the option and the text.
date parse_date_option(const std::string& flag, const std::string& text);

/// --on, or today's date when it was not given (G1: the command, never the library, reads the clock).
date query_date(const common_options& common);

/// A requirement expression given as `--require`, parsed against the registry's catalog (Q1, G3).
/// \throws usage_error with the column and, for unknown words, the closest valid ones.
requirement parse_requirement_option(const registry& reg, const std::string& text);

/// Applies one `--policy KEY=VALUE` to `out`.
/// \throws usage_error for an unknown key (with the closest and the valid keys) or a bad value.
void apply_policy_option(const std::string& assignment, policy_overrides& out);

/// `--min-assurance` words, strongest first (C17).
std::vector<std::string> assurance_words();

/// The vendor called `name`. \throws usage_error naming it, with up to three closest ids (G2).
vendor require_vendor(const registry& reg, const std::string& name);

/// The "unknown vendor" line for `name` with the closest known ids (G2).
std::string unknown_vendor_reason(const std::string& name, const std::vector<std::string>& suggestions);

/// " (did you mean: a, b?)", or nothing when there is no suggestion.
std::string did_you_mean(const std::vector<std::string>& words);

/// `words` joined by `separator` ("a, b, c"), for "did you mean" and "valid keys" lists.
std::string join(const std::vector<std::string>& words, const std::string& separator = ", ");

} // namespace compliance::cli

#endif
