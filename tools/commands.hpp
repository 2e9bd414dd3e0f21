#ifndef COMPLIANCE_TOOLS_COMMANDS_HPP
#define COMPLIANCE_TOOLS_COMMANDS_HPP

/// \file
/// The subcommands of `compliance` (docs/cli.md), each a function of already-parsed options
/// returning the exit status; inputs they refuse throw usage_error (exit status 2).

#include "inputs.hpp"

#include <string>
#include <vector>

namespace compliance::cli {

/// `check` options (G4, C15–C17, policy).
struct check_options {
  std::string vendor;
  std::string requirement;
  std::string service;
  std::string region;
  std::string plan;
  bool accept_inherited = false;
  std::string min_assurance;
  std::vector<std::string> policy; ///< KEY=VALUE, in order; later ones win
  std::string from; ///< --from: with --to, ask about every day of the window instead of --on (W3)
  std::string to;   ///< --to
};

/// `report` options (W2).
struct report_options {
  std::vector<std::string> requirements; ///< empty: one column per framework in the data
  std::string from; ///< --from: with --to, each cell answers for every day of the window (W3)
  std::string to;   ///< --to
};

/// `expiring` options (W1).
struct expiring_options {
  long within = 90;
};

/// `timeline` options.
struct timeline_options {
  std::string vendor;
  std::string from;
  std::string to;
  std::string output; ///< FILE.svg or FILE.html; empty: SVG on stdout
};

/// The verdict for one vendor; exit_ok when covered, exit_not_covered when not. With --from and
/// --to: covered on every day of the window (exit_ok) or not (exit_not_covered).
int run_check(const common_options& common, const check_options& options);
/// The vendors × requirements matrix, on one date or (--from/--to) throughout a window; always exit_ok.
int run_report(const common_options& common, const report_options& options);
/// The renewal worklist; always exit_ok.
int run_expiring(const common_options& common, const expiring_options& options);
/// The timeline picture (or its JSON); exit_ok.
int run_timeline(const common_options& common, const timeline_options& options);
/// Every error and warning of `file`; exit_not_covered (1) when there is an error.
int run_lint(const common_options& common, const std::string& file);
/// The JSON Schema of compliance-registry/1, embedded at build time; exit_ok.
int run_schema();

} // namespace compliance::cli

#endif
