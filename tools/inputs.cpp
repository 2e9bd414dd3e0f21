// The command's inputs: every refusal here becomes exit status 2 with one line on stderr
// (docs/cli.md), naming the option or file, and where known the JSON pointer, line:column or
// expression column, and the closest valid words.
#include "inputs.hpp"

#include <compliance/json.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string_view>
#include <system_error>

namespace compliance::cli {

namespace {

/// Diagnostics may span lines; the reason on stderr must not.
std::string single_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  std::replace(text.begin(), text.end(), '\r', ' ');
  return text;
}

/// `<pointer> <line>:<column>: <message>` for one diagnostic.
std::string located(const std::string& path, const diagnostic& d) {
  std::string where = d.pointer;
  if (d.line != 0) where += (where.empty() ? "" : " ") + std::to_string(d.line) + ":" + std::to_string(d.column);
  const std::string message = without_path_prefix(d.message, path);
  return where.empty() ? message : where + ": " + message;
}

/// The directory of the running executable, read from the operating system rather than argv[0]
/// (which may be a bare name found on PATH).
std::filesystem::path executable_directory() {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) throw usage_error("cannot find the program's own path (/proc/self/exe: " + ec.message() + "); pass --data FILE");
  return self.parent_path();
}

/// A whole number ≥ 0, all of `text`.
bool parse_non_negative(std::string_view text, int& out) {
  const char* end = text.data() + text.size();
  const auto [p, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && p == end && out >= 0;
}

std::optional<bool> parse_bool(std::string_view text) {
  if (text == "true" || text == "yes" || text == "1") return true;
  if (text == "false" || text == "no" || text == "0") return false;
  return std::nullopt;
}

/// Applies a `--policy` value; false when the value is refused.
using policy_setter = std::function<bool(std::string_view, policy_overrides&)>;

/// One `--policy` key: its name, what its value must be, and how it is applied. The one table
/// both the parser and the "valid keys" message read.
struct policy_key {
  std::string_view name;
  std::string_view expected;
  policy_setter apply;
};

/// Sets an integer field (months or days) from a whole number ≥ 0.
policy_setter whole_number(std::optional<int> policy_overrides::*field) {
  return [field](std::string_view v, policy_overrides& p) {
    int n = 0;
    if (!parse_non_negative(v, n)) return false;
    p.*field = n;
    return true;
  };
}

/// Sets a bool field from true/false, yes/no or 1/0.
policy_setter boolean(std::optional<bool> policy_overrides::*field) {
  return [field](std::string_view v, policy_overrides& p) {
    const auto b = parse_bool(v);
    if (!b) return false;
    p.*field = *b;
    return true;
  };
}

const std::vector<policy_key>& policy_keys() {
  static const std::vector<policy_key> keys = {
      {"report_grace_months", "a whole number of months (C7)", whole_number(&policy_overrides::report_grace_months)},
      {"bridge_max_months", "a whole number of months (C7)", whole_number(&policy_overrides::bridge_max_months)},
      {"surveillance", "warn, strict or ignore (C5)",
       [](std::string_view v, policy_overrides& p) {
         const auto s = enum_from_string<surveillance_policy>(v);
         if (!s) return false;
         p.surveillance = *s;
         return true;
       }},
      {"surveillance_grace_days", "a whole number of days (C5)", whole_number(&policy_overrides::surveillance_grace_days)},
      {"accept_inherited", "true or false (C16)", boolean(&policy_overrides::accept_inherited)},
      {"require_agreements", "true or false (C14)", boolean(&policy_overrides::require_agreements)},
  };
  return keys;
}

} // namespace

std::string join(const std::vector<std::string>& words, const std::string& separator) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += separator;
    out += w;
  }
  return out;
}

output_format format_of(const common_options& common) {
  return common.format == "json" ? output_format::json : output_format::text;
}

std::string bundled_data_path(const std::string& file_name) {
  return (executable_directory().parent_path() / "share" / "compliance" / file_name).string();
}

std::string bundled_registry_path() { return bundled_data_path("sample-registry.json"); }

std::string without_path_prefix(const std::string& message, const std::string& path) {
  const std::string prefix = path + ": ";
  return message.compare(0, prefix.size(), prefix) == 0 ? message.substr(prefix.size()) : message;
}

std::string one_line_summary(const std::string& path, const diagnostics& errors) {
  if (errors.items.empty()) return single_line(path + ": the registry was refused");
  const std::size_t n = errors.items.size();
  const std::string first = located(path, errors.items.front());
  if (n == 1) return single_line(path + ": " + first);
  return single_line(path + ": " + std::to_string(n) + " errors; " + first + " (and " + std::to_string(n - 1) +
                     " more; run `compliance lint " + path + "`)");
}

registry load_registry(const std::string& path) {
  const std::string file = path.empty() ? bundled_registry_path() : path;
  if (path.empty() && !std::filesystem::exists(file))
    throw usage_error("the bundled sample registry is not at " + file + "; pass --data FILE");
  auto loaded = load_file(file);
  if (!loaded) throw usage_error(one_line_summary(file, loaded.error()));
  return std::move(*loaded);
}

date parse_date_option(const std::string& flag, const std::string& text) {
  if (const auto d = parse_date(text)) return *d;
  // Say which rule was broken: the shape, or the calendar (2024-02-30).
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                      std::all_of(text.begin(), text.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
  throw usage_error(flag + " \"" + text + "\": " +
                    (shaped ? std::string("not a calendar date") : std::string("expected a date as YYYY-MM-DD")));
}

date query_date(const common_options& common) {
  if (!common.on.empty()) return parse_date_option("--on", common.on);
  return boost::gregorian::day_clock::local_day();
}

requirement parse_requirement_option(const registry& reg, const std::string& text) {
  auto parsed = reg.try_parse(text);
  if (!parsed) throw usage_error("--require \"" + text + "\": " + single_line(parsed.error().to_string()));
  return std::move(*parsed);
}

void apply_policy_option(const std::string& assignment, policy_overrides& out) {
  const auto& keys = policy_keys();
  std::vector<std::string> names;
  for (const auto& k : keys) names.emplace_back(k.name);
  const auto eq = assignment.find('=');
  const std::string key = assignment.substr(0, eq);
  const auto it = std::find_if(keys.begin(), keys.end(), [&](const policy_key& k) { return k.name == key; });
  if (it == keys.end()) {
    const auto close = closest_words(key, names);
    throw usage_error("--policy \"" + assignment + "\": unknown key '" + key + "'" + did_you_mean(close) +
                      "; valid keys: " + join(names));
  }
  if (eq == std::string::npos)
    throw usage_error("--policy \"" + assignment + "\": expected KEY=VALUE, with " + key + " " + std::string(it->expected));
  if (!it->apply(std::string_view(assignment).substr(eq + 1), out))
    throw usage_error("--policy \"" + assignment + "\": " + key + " must be " + std::string(it->expected));
}

std::vector<std::string> assurance_words() {
  std::vector<std::string> out;
  for (const auto& [level, name] : detail::enum_table<assurance>::names) out.insert(out.begin(), std::string(name));
  return out;
}

std::string did_you_mean(const std::vector<std::string>& words) {
  return words.empty() ? std::string() : " (did you mean: " + join(words) + "?)";
}

std::string unknown_vendor_reason(const std::string& name, const std::vector<std::string>& suggestions) {
  return "unknown vendor '" + name + "'" + did_you_mean(suggestions);
}

vendor require_vendor(const registry& reg, const std::string& name) {
  if (auto v = reg.find_vendor(name)) return std::move(*v);
  throw usage_error(unknown_vendor_reason(name, reg.closest_vendors(name)));
}

} // namespace compliance::cli
