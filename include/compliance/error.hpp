#ifndef COMPLIANCE_ERROR_HPP
#define COMPLIANCE_ERROR_HPP

/// \file
/// Errors at the I/O boundary (registry documents, requirement expressions, dates): an `errc`
/// enum with its error category, and diagnostics that say where (JSON pointer, line:column,
/// expression column) and what. Queries never throw; they answer with verdicts.

#include "compliance/detail/enum_table.hpp"

#include <boost/system/error_code.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace compliance {

/// Error codes of the compliance category.
enum class errc {
  // Document level
  syntax = 1,          ///< not JSON (with the parser's reason)
  too_deep,            ///< nesting deeper than the loader accepts
  duplicate_key,       ///< the same key twice in one object
  wrong_format,        ///< `format` is not `compliance-registry/1`
  wrong_type,          ///< a value of the wrong JSON type
  missing_field,       ///< a required field is absent or null
  bad_date,            ///< not a YYYY-MM-DD calendar date
  bad_value,           ///< a value outside its vocabulary or range
  bad_id,              ///< an id outside `[a-z0-9._-]+`
  duplicate_id,        ///< a vendor or evidence id used twice
  dangling_reference,  ///< a reference to a vendor that does not exist
  relies_on_cycle,     ///< C16: relies_on links form a cycle
  unknown_framework,   ///< evidence names a framework in neither catalog nor document
  bad_interval,        ///< an interval whose end is before its start
  io_error,            ///< a file could not be read or written
  // Requirement expressions (Q1, G3)
  expression_syntax,   ///< malformed expression
  unknown_word,        ///< unknown framework, qualifier or criterion
  too_complex,         ///< nesting or size beyond the parser's limits
};

/// The error category of `errc` ("compliance").
const boost::system::error_category& error_category() noexcept;

/// Makes an error_code of the compliance category.
inline boost::system::error_code make_error_code(errc e) noexcept {
  return {static_cast<int>(e), error_category()};
}

/// How serious a diagnostic is: errors refuse a document, warnings do not.
enum class diagnostic_level { warning, error };

/// One problem in a document, with where it is.
struct diagnostic {
  errc code = errc::syntax;
  diagnostic_level level = diagnostic_level::error;
  std::string pointer;     ///< JSON pointer (RFC 6901) of the offending value, "" for the document
  std::size_t line = 0;    ///< 1-based, 0 when unknown
  std::size_t column = 0;  ///< 1-based, 0 when unknown
  std::string message;     ///< a plain-English sentence
  std::string lint_code;   ///< lint's code for warnings (`not-certifiable`, ...); empty for errc-only errors
};

/// Every diagnostic of a refused document, in document order.
struct diagnostics {
  std::vector<diagnostic> items;
  /// One line per diagnostic: `<pointer> <line>:<column>: <message>`.
  std::string to_string() const;
};

/// Thrown by the throwing conveniences when a document is refused; carries every diagnostic.
class document_error : public std::runtime_error {
public:
  explicit document_error(compliance::diagnostics d);
  const compliance::diagnostics& diagnostics() const noexcept { return diagnostics_; }

private:
  compliance::diagnostics diagnostics_;
};

/// Used by boost::system::result<T, diagnostics>::value() to throw document_error.
[[noreturn]] void throw_exception_from_error(const diagnostics& d, const boost::source_location& loc);

} // namespace compliance

template <>
struct boost::system::is_error_code_enum<compliance::errc> : std::true_type {};

COMPLIANCE_ENUM_TABLE(compliance::errc, {compliance::errc::syntax, "syntax"},
                      {compliance::errc::too_deep, "too-deep"},
                      {compliance::errc::duplicate_key, "duplicate-key"},
                      {compliance::errc::wrong_format, "wrong-format"},
                      {compliance::errc::wrong_type, "wrong-type"},
                      {compliance::errc::missing_field, "missing-field"},
                      {compliance::errc::bad_date, "bad-date"},
                      {compliance::errc::bad_value, "bad-value"},
                      {compliance::errc::bad_id, "bad-id"},
                      {compliance::errc::duplicate_id, "duplicate-id"},
                      {compliance::errc::dangling_reference, "dangling-reference"},
                      {compliance::errc::relies_on_cycle, "relies-on-cycle"},
                      {compliance::errc::unknown_framework, "unknown-framework"},
                      {compliance::errc::bad_interval, "bad-interval"},
                      {compliance::errc::io_error, "io-error"},
                      {compliance::errc::expression_syntax, "expression-syntax"},
                      {compliance::errc::unknown_word, "unknown-word"},
                      {compliance::errc::too_complex, "too-complex"});

#endif
