// `compliance`: is vendor X covered for requirement Y on date Z? The command line (docs/cli.md),
// parsed with CLI11. Every refusal is exit status 2 with one line on stderr; a word CLI11 does not
// know (subcommand or option) gets the closest valid names.
#include "commands.hpp"

#include <compliance/version.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>

namespace compliance::cli {

namespace {

/// Everything the command line can say, bound to CLI11 options.
struct command_line {
  common_options common;
  check_options check;
  report_options report;
  expiring_options expiring;
  timeline_options timeline;
  std::string lint_file;
};

constexpr const char* requirement_help =
    "Requirement expressions:\n"
    "  iso27001                     any edition, any certificate\n"
    "  iso27001:2022                that edition only\n"
    "  soc2:type2[availability]     a SOC 2 Type 2 report that includes Availability\n"
    "  pci-dss:saq-d                a PCI DSS self-assessment of that variant\n"
    "  dpf:uk-extension             a DPF listing that includes the UK extension\n"
    "  iso27001 | soc2:type2        either\n"
    "  (iso27001 & iso27701) | soc3 grouping; & binds tighter than |; and/or also accepted\n";

constexpr const char* exit_help =
    "Exit status: 0 success or covered (with or without warnings); 1 not covered (check) or lint errors;\n"
    "2 bad usage, unknown vendor, unreadable file, invalid data, bad date or requirement.\n";

/// Which of the common options a subcommand takes.
enum class takes { format, data_and_format, everything };

/// --data, --on and --format; on the program and on each subcommand that takes them, bound to the
/// same values, so they may be given before or after the subcommand name.
void add_common_options(CLI::App& app, common_options& common, takes what) {
  if (what != takes::format)
    app.add_option("--data", common.data,
                   "Registry document (compliance-registry/1); default: the bundled sample registry")
        ->type_name("FILE");
  if (what == takes::everything)
    app.add_option("--on", common.on, "Query date; default: today")->type_name("YYYY-MM-DD");
  app.add_option("--format", common.format, "Output: text (for a terminal) or json (one document)")
      ->type_name("text|json")
      ->check(CLI::IsMember({"text", "json"}).description("")); // the type name lists them already
}

CLI::App* add_check(CLI::App& app, command_line& cl) {
  auto* sub = app.add_subcommand("check", "The verdict for one vendor: covered or not, why, since and until when");
  add_common_options(*sub, cl.common, takes::everything);
  auto& o = cl.check;
  sub->add_option("--vendor", o.vendor, "Vendor id or alias (any case)")->required()->type_name("V");
  sub->add_option("--require", o.requirement, "Requirement expression, e.g. 'iso27001 | soc2:type2'")
      ->required()
      ->type_name("EXPR");
  sub->add_option("--service", o.service, "Only evidence that covers this service (C15)")->type_name("S");
  sub->add_option("--region", o.region, "Only evidence that covers this region (C15)")->type_name("R");
  sub->add_option("--plan", o.plan, "Only evidence that covers this plan (C15)")->type_name("P");
  sub->add_flag("--accept-inherited", o.accept_inherited, "Count subservice organisations' evidence (C16)");
  sub->add_option("--min-assurance", o.min_assurance, "Ignore weaker evidence (C17)")
      ->type_name("LEVEL")
      ->check(CLI::IsMember(assurance_words()));
  sub->add_option("--policy", o.policy, "Policy override, repeatable (keys below)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false); // one value per --policy, so it never swallows the next word
  sub->add_option("--from", o.from, "With --to: covered on every day of the window? (instead of --on)")
      ->type_name("YYYY-MM-DD");
  sub->add_option("--to", o.to, "Last day of the window (inclusive)")->type_name("YYYY-MM-DD");
  sub->footer(std::string(requirement_help) +
              "\nPolicy keys (--policy KEY=VALUE):\n"
              "  report_grace_months=N        months a report stays current after its period (C7, default 12)\n"
              "  bridge_max_months=N          longest reach of a bridge letter (C7, default 3)\n"
              "  surveillance=warn|strict|ignore  a missed surveillance audit (C5, default warn)\n"
              "  surveillance_grace_days=N    days allowed past a surveillance due date (C5, default 0)\n"
              "  accept_inherited=true|false  count subservice organisations' evidence (C16, default false)\n"
              "  require_agreements=true|false  gate attestations on a BAA/DPA (C14, default true)\n"
              "\nWith --from A --to B: covered on every day of the window, each covered period and gap with its\n"
              "findings; exit 0 only when covered on every day.\n"
              "\nExit status: 0 covered, 1 not covered, 2 bad input.\n");
  return sub;
}

CLI::App* add_report(CLI::App& app, command_line& cl) {
  auto* sub = app.add_subcommand("report", "Vendors x requirements matrix: covered / with warnings / not, days left (W2)");
  add_common_options(*sub, cl.common, takes::everything);
  sub->add_option("--require", cl.report.requirements,
                  "A column (repeatable); default: one per framework in the data, in catalog order")
      ->type_name("EXPR")
      ->allow_extra_args(false);
  sub->add_option("--from", cl.report.from, "With --to: each cell says whether covered on every day of the window")
      ->type_name("YYYY-MM-DD");
  sub->add_option("--to", cl.report.to, "Last day of the window (inclusive)")->type_name("YYYY-MM-DD");
  sub->footer(std::string(requirement_help) + "\nExit status: 0, or 2 on bad input.\n");
  return sub;
}

CLI::App* add_expiring(CLI::App& app, command_line& cl) {
  auto* sub = app.add_subcommand("expiring", "Renewal worklist: coverage ending within DAYS, soonest first (W1)");
  add_common_options(*sub, cl.common, takes::everything);
  sub->add_option("--within", cl.expiring.within, "Days ahead of the query date (default 90)")
      ->type_name("DAYS")
      ->check(CLI::Range(0L, 36600L)); // up to a century ahead
  sub->footer("Exit status: 0, or 2 on bad input.\n");
  return sub;
}

CLI::App* add_timeline(CLI::App& app, command_line& cl) {
  auto* sub = app.add_subcommand("timeline", "A picture of one vendor's evidence over time (SVG or HTML)");
  add_common_options(*sub, cl.common, takes::everything);
  auto& o = cl.timeline;
  sub->add_option("--vendor", o.vendor, "Vendor id or alias")->required()->type_name("V");
  sub->add_option("--from", o.from, "First day drawn; default: 3 months before the earliest evidence date")
      ->type_name("YYYY-MM-DD");
  sub->add_option("--to", o.to, "Last day drawn; default: 6 months after the latest evidence date")
      ->type_name("YYYY-MM-DD");
  sub->add_option("--output", o.output, "Write the picture to FILE.svg or FILE.html; default: SVG on stdout")
      ->type_name("FILE");
  sub->footer("With --format json the lanes are printed as JSON (and --output still writes the picture).\n"
              "Exit status: 0, or 2 on bad input.\n");
  return sub;
}

CLI::App* add_lint(CLI::App& app, command_line& cl) {
  auto* sub = app.add_subcommand("lint", "Validate a registry document: every error and warning, with where");
  add_common_options(*sub, cl.common, takes::data_and_format);
  sub->add_option("file", cl.lint_file, "Registry document to check (or --data FILE); default: the bundled sample registry")
      ->type_name("FILE");
  sub->footer("Exit status: 0 no errors (warnings allowed), 1 errors found, 2 unreadable file.\n");
  return sub;
}

/// The file lint checks: named as `lint FILE` or with --data (before or after the subcommand),
/// once; neither: the bundled sample registry.
std::string lint_target(const command_line& cl) {
  if (!cl.lint_file.empty() && !cl.common.data.empty() && cl.lint_file != cl.common.data)
    throw usage_error("lint: two registry files given ('" + cl.lint_file + "' and --data '" + cl.common.data +
                      "'); name it once, as `lint FILE` or `lint --data FILE`");
  if (!cl.lint_file.empty()) return cl.lint_file;
  if (!cl.common.data.empty()) return cl.common.data;
  return bundled_registry_path();
}

CLI::App* add_schema(CLI::App& app) {
  auto* sub = app.add_subcommand("schema", "Print the JSON Schema of the registry format (compliance-registry/1)");
  sub->footer("Exit status: 0.\n");
  return sub;
}

/// The long option names `app` accepts, for "did you mean".
std::vector<std::string> option_names(const CLI::App& app) {
  std::vector<std::string> out;
  for (const auto* opt : app.get_options())
    for (const auto& name : opt->get_lnames()) out.push_back("--" + name);
  return out;
}

/// The first argument CLI11 could not place, as a one-line reason with the closest valid names;
/// empty when every argument was understood.
std::string unexpected_argument(const CLI::App& app) {
  const auto selected = app.get_subcommands();
  const CLI::App* where = selected.empty() ? &app : selected.front();
  const std::vector<std::string> extras = app.remaining(true);
  if (extras.empty()) return {};
  const std::string& first = extras.front();
  if (first.rfind("-", 0) == 0) {
    const std::string name = first.substr(0, first.find('='));
    const std::string context = selected.empty() ? "" : where->get_name() + ": ";
    return context + "unknown option '" + name + "'" + did_you_mean(closest_words(name, option_names(*where)));
  }
  if (selected.empty()) {
    std::vector<std::string> names;
    for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) names.push_back(sub->get_name());
    return "unknown subcommand '" + first + "'" + did_you_mean(closest_words(first, names));
  }
  return where->get_name() + ": unexpected argument '" + first + "' (run `compliance " + where->get_name() +
         " --help`)";
}

int dispatch(const CLI::App& app, const command_line& cl) {
  const auto selected = app.get_subcommands();
  if (selected.empty())
    throw usage_error("a subcommand is required: check, report, expiring, timeline, lint or schema (run `compliance --help`)");
  const std::string name = selected.front()->get_name();
  if (name == "check") return run_check(cl.common, cl.check);
  if (name == "report") return run_report(cl.common, cl.report);
  if (name == "expiring") return run_expiring(cl.common, cl.expiring);
  if (name == "timeline") return run_timeline(cl.common, cl.timeline);
  if (name == "lint") {
    if (!cl.common.on.empty()) throw usage_error("lint: it takes no --on (a document is checked as it stands)");
    return run_lint(cl.common, lint_target(cl));
  }
  if (!cl.common.data.empty() || !cl.common.on.empty())
    throw usage_error("schema: it takes no --data or --on (the schema is the same for every registry)");
  return run_schema();
}

int run(int argc, char** argv) {
  CLI::App app{"compliance — is vendor X covered for requirement Y on date Z?\n"
               "Reads a compliance-registry/1 document (--data; default: the bundled sample registry).",
               "compliance"};
  app.allow_extras(); // unknown words are reported by unexpected_argument(), with suggestions
  app.set_version_flag("--version", std::string("compliance ") + compliance::version_string);
  app.footer(exit_help);
  command_line cl;
  add_common_options(app, cl.common, takes::everything);
  for (auto* sub : {add_check(app, cl), add_report(app, cl), add_expiring(app, cl), add_timeline(app, cl),
                    add_lint(app, cl), add_schema(app)})
    sub->allow_extras();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e); // --help, --version
    if (auto reason = unexpected_argument(app); !reason.empty()) throw usage_error(reason);
    const auto selected = app.get_subcommands();
    const std::string sub = selected.empty() ? "" : selected.front()->get_name();
    throw usage_error((sub.empty() ? "" : sub + ": ") + std::string(e.what()) + " (run `compliance " +
                      (sub.empty() ? "" : sub + " ") + "--help`)");
  }
  if (auto reason = unexpected_argument(app); !reason.empty()) throw usage_error(reason);
  return dispatch(app, cl);
}

} // namespace

} // namespace compliance::cli

int main(int argc, char** argv) {
  try {
    return compliance::cli::run(argc, argv);
  } catch (const std::exception& e) { // usage_error, and anything unforeseen: still one line, status 2
    std::string reason = e.what();
    std::replace(reason.begin(), reason.end(), '\n', ' ');
    std::cerr << "compliance: " << reason << '\n';
    return compliance::cli::exit_usage;
  }
}
