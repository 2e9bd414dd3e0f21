#ifndef COMPLIANCE_JSON_HPP
#define COMPLIANCE_JSON_HPP

/// \file
/// Reading, writing and linting `compliance-registry/1` documents (docs: registry-format.md).
///
/// This is the only public header that includes Boost.JSON: applications that only query a
/// registry built by hand need not see it.
///
/// Loading is strict and collects everything: a refused document is described by every
/// problem found, each with its JSON pointer (RFC 6901), line:column and a plain-English
/// sentence, and nothing half-built is returned. It runs in three stages:
///   1. the text: JSON syntax, nesting deeper than `max_json_depth`, strings longer than
///      `max_json_string_bytes`, duplicate keys (Boost.JSON itself would keep the last one);
///   2. the values: types, required fields, strict `YYYY-MM-DD` dates, ids, vocabularies;
///   3. the references (registry::build): duplicate ids, dangling vendor references,
///      relies_on cycles (C16), unknown frameworks, inverted intervals. This stage runs once
///      stages 1 and 2 found nothing, so that it never reports consequences of an earlier error.
/// A document whose `format` is not "compliance-registry/1" gets that one error (errc::wrong_format):
/// the rest is another format's business. Unknown fields are ignored (a newer file still loads in
/// an older build); `lint` warns.
///
/// Positions: line and column are 1-based; the column counts Unicode code points. They are
/// found by a second, position-tracking pass over the text that runs only when there is
/// something to report, so a good document loads at full speed.

#include "compliance/error.hpp"
#include "compliance/registry.hpp"

#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <boost/system/result.hpp>

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace compliance {

/// The value of a document's `format` field.
inline constexpr std::string_view registry_format = "compliance-registry/1";

/// The deepest nesting of arrays and objects the loader accepts. A registry is about six
/// levels deep; the limit keeps hostile input from exhausting the stack (errc::too_deep).
inline constexpr std::size_t max_json_depth = 64;

/// The longest string or key, in bytes, the loader accepts (errc::bad_value beyond it).
inline constexpr std::size_t max_json_string_bytes = std::size_t{1} << 20;

// ---------------------------------------------------------------------------------------------
// Loading

/// Reads a registry document into plain values, without the reference checks of
/// registry::build (stages 1 and 2 above).
/// \param json_text the whole document, UTF-8.
/// \returns the data, or every diagnostic (errors only) in document order.
/// Never throws (but for std::bad_alloc).
boost::system::result<registry_data, diagnostics> load_data(std::string_view json_text);

/// load_data() of the file at `path`. Every message starts with the path; a file that cannot
/// be read gives one errc::io_error diagnostic with the operating system's reason.
boost::system::result<registry_data, diagnostics> load_data_file(const std::string& path);

/// Reads an already parsed document. No positions (a `boost::json::value` keeps none) and no
/// duplicate-key check (the parser has already dropped them); otherwise as load_data(), limits
/// included (the value is serialized and read as text).
boost::system::result<registry_data, diagnostics> data_from_value(const boost::json::value& document);

/// Reads and validates a registry document: load_data(), then registry::build(), with
/// line:column filled in for every diagnostic.
/// \param json_text the whole document, UTF-8.
/// \returns the registry, or every diagnostic in document order. Never throws (but for
/// std::bad_alloc).
boost::system::result<registry, diagnostics> load(std::string_view json_text);

/// load() of everything `in` holds (read to its end). A stream that fails gives one
/// errc::io_error diagnostic.
boost::system::result<registry, diagnostics> load(std::istream& in);

/// load() of the file at `path`. Every message starts with the path; a file that cannot be
/// read gives one errc::io_error diagnostic with the operating system's reason.
boost::system::result<registry, diagnostics> load_file(const std::string& path);

/// load(), throwing instead of returning the diagnostics.
/// \throws document_error carrying every diagnostic when the document is refused.
registry load_or_throw(std::string_view json_text);

/// load_file(), throwing instead of returning the diagnostics.
/// \throws document_error carrying every diagnostic (errc::io_error when unreadable).
registry load_file_or_throw(const std::string& path);

// ---------------------------------------------------------------------------------------------
// Saving

/// The document for `data`: pretty-printed with a two-space indent and a final newline (an array
/// of scalars stays on one line), absent optional fields and empty lists omitted, fields in a
/// fixed order:
///   document  format, policy, frameworks, vendors
///   vendor    id, name, aliases, notes, relies_on, agreements, evidence
///   evidence  id, type, framework, edition, scope, then the type's own fields in the order of
///             registry-format.md's table for it, then source, notes.
/// (A vendor's `notes` is an addition to the format's table.) The same data
/// always gives the same bytes, and load_data() of the result gives data equal to `data` (G5),
/// provided the data is representable: real dates (not `not_a_date_time`), UTF-8 text, ids of
/// `[a-z0-9._-]`, policy numbers in the ranges load accepts.
///
/// A `frameworks` row is written as its differences from the built-in row of the same id (or
/// from an empty row for a new id): loading applies those over the built-in row again. A field
/// written as `null` there clears the built-in value; an absent one keeps it. Fields beyond
/// registry-format.md's list, so that every framework_info field survives a save:
/// `default_edition`, `implied_criteria`, `satisfies` ([{target, type2_only}]); `assurance`
/// stands for framework_info::typical (C17: the evidence type of that assurance level).
std::string to_json(const registry_data& data);

/// The document for `data` as a value, members in to_json()'s order.
boost::json::value to_value(const registry_data& data);

/// Lets `boost::json::value_from(data)` build the document (same as to_value()).
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const registry_data& data);

/// Writes to_json(data) to `path` atomically: a temporary file in the same directory is
/// written, flushed and fsync'ed, then renamed over `path`. On any failure the temporary file
/// is removed and a previous file at `path` is left as it was. A replaced file keeps its
/// permission bits; a new one gets 0666 less the umask. A symbolic link at `path` is followed:
/// the file it names is replaced and the link stays.
/// \returns nothing, or one errc::io_error diagnostic saying which step failed and why
/// (the operating system's reason). Never throws (but for std::bad_alloc).
boost::system::result<void, diagnostics> save_file(const registry_data& data, const std::string& path);

/// save_file(), throwing instead of returning the diagnostic.
/// \throws document_error carrying the errc::io_error diagnostic.
void save_file_or_throw(const registry_data& data, const std::string& path);

// ---------------------------------------------------------------------------------------------
// Lint

/// Everything worth saying about a document, in document order: every error load() would
/// report (level error, `lint_code` the errc's name, e.g. `duplicate-id`) and these findings,
/// each with its `lint_code`, pointer, line:column and message:
///   warnings
///   - `unknown-field`: a field the format does not define (ignored by load).
///   - `not-certifiable` (C18): a certificate for a framework with certifiable=false
///     (iso27002, hipaa, gdpr, ccpa).
///   - `ssae16-label` (C11): an SSAE 16 report dated (issued, else period end or as_of) on or
///     after 2017-05-01, when SSAE 18 superseded it.
///   - `pci-edition-not-in-force` (C12): a self-assessment completed outside its edition's
///     in_force_from..in_force_through.
///   - `short-period` (C8): a type 2 period shorter than six months.
///   - `suspension-exceeds-6-months` (C2): a suspension that lasts, or stays open, six months.
///   - `program-prerequisite-missing` (C13): a listing program without the programs it needs
///     (`uk-extension` without `eu-us`).
///   - `unknown-edition`, `unknown-variant`, `unknown-program`: a word the framework's catalog
///     row does not list (queries naming it would be refused, G3).
///   errors that do not refuse the document
///   - `<framework>-<edition>-audit-after-transition` (C4), e.g.
///     `iso27001-2013-audit-after-transition`: an initial or recertification audit after the
///     edition's last_audit_day.
/// The rule checks use the catalog in force (built-in rows with the document's `frameworks`)
/// and look only at evidence that read without error. For warnings and lint-only errors,
/// `code` is the nearest errc (bad_value, bad_date or bad_interval); read `lint_code`.
/// Never throws (but for std::bad_alloc).
std::vector<diagnostic> lint(std::string_view json_text);

/// lint() of the file at `path`; messages start with the path, and a file that cannot be read
/// gives one errc::io_error error.
std::vector<diagnostic> lint_file(const std::string& path);

} // namespace compliance

#endif
