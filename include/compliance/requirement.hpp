#ifndef COMPLIANCE_REQUIREMENT_HPP
#define COMPLIANCE_REQUIREMENT_HPP

/// \file
/// Requirement expressions (Q1–Q3): `iso27001 | soc2:type2[availability]`. Parse once, query
/// many times, print back canonically.

#include "compliance/error.hpp"
#include "compliance/evidence.hpp"
#include "compliance/framework.hpp"

#include <boost/system/result.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace compliance {

/// One framework with its qualifiers (Q1), resolved against a catalog.
struct atom {
  framework_id framework;
  std::optional<std::string> edition;     ///< `iso27001:2022`
  std::optional<report_type> type;        ///< `soc2:type2`
  std::optional<std::string> variant;     ///< `pci-dss:saq-d`
  std::vector<std::string> programs;      ///< `dpf:uk-extension` (sorted, unique)
  std::vector<std::string> criteria;      ///< `soc2[availability]` (sorted, unique)

  bool operator==(const atom& o) const {
    return framework == o.framework && edition == o.edition && type == o.type && variant == o.variant &&
           programs == o.programs && criteria == o.criteria;
  }
  bool operator!=(const atom& o) const { return !(*this == o); }
};

/// A requirement: atoms combined with `&` (intersection) and `|` (union) (Q2). Stored flat:
/// every node's children come before it and the root is the last node, so evaluation and
/// printing are loops, never deep recursion, whatever the nesting.
class requirement {
public:
  enum class op : std::uint8_t { atom, all_of, any_of };
  struct node {
    op kind = op::atom;
    std::uint32_t atom_index = 0;            ///< for op::atom
    std::vector<std::uint32_t> children;     ///< for all_of / any_of, left to right
    bool operator==(const node& o) const { return kind == o.kind && atom_index == o.atom_index && children == o.children; }
  };

  /// An empty requirement (no nodes); satisfied by nothing. Use parse() or of().
  requirement() = default;
  /// A requirement of a single atom.
  static requirement of(atom a);

  /// `a & b` (flattening nested `&`). An empty operand is the zero of `&`: the result is empty.
  friend requirement operator&(const requirement& a, const requirement& b) { return combine(op::all_of, a, b); }
  /// `a | b` (flattening nested `|`). An empty operand is the identity of `|`.
  friend requirement operator|(const requirement& a, const requirement& b) { return combine(op::any_of, a, b); }

  const std::vector<node>& nodes() const noexcept { return nodes_; }
  const std::vector<atom>& atoms() const noexcept { return atoms_; }
  bool empty() const noexcept { return nodes_.empty(); }
  /// Index of the root node (the last one); only when !empty().
  std::uint32_t root() const noexcept { return static_cast<std::uint32_t>(nodes_.size() - 1); }

  /// Structural equality: the same tree of the same atoms.
  friend bool operator==(const requirement& a, const requirement& b) {
    return a.nodes_ == b.nodes_ && a.atoms_ == b.atoms_;
  }
  friend bool operator!=(const requirement& a, const requirement& b) { return !(a == b); }

  /// Appends a node whose children (if any) are already present; returns its index.
  /// For parsers and builders; keeps the children-before-parent invariant and throws
  /// std::invalid_argument when a node would break it. `parse(to_string(r)) == r` holds for
  /// requirements made by parse, of, `&` and `|`; a hand-built tree with one-child or nested
  /// same-operator nodes prints correctly but parses back flattened.
  std::uint32_t add_node(node n);
  /// Appends an atom; returns its index.
  std::uint32_t add_atom(atom a);

private:
  static requirement combine(op kind, const requirement& a, const requirement& b);
  std::vector<node> nodes_;
  std::vector<atom> atoms_;
};

/// Where and why an expression was refused (G3).
struct expression_error {
  errc code = errc::expression_syntax;
  std::size_t column = 0;               ///< 1-based column in the expression
  std::string message;                  ///< "expected a framework id after '|'"
  std::vector<std::string> suggestions; ///< closest valid words for unknown ones
  /// "column 7: <message> (did you mean: a, b?)"
  std::string to_string() const;
};

/// Thrown by parse_requirement when an expression is refused.
class expression_failure : public std::invalid_argument {
public:
  explicit expression_failure(expression_error e);
  const expression_error& error() const noexcept { return error_; }

private:
  expression_error error_;
};

/// Used by boost::system::result<requirement, expression_error>::value().
[[noreturn]] void throw_exception_from_error(const expression_error& e, const boost::source_location& loc);

/// Longest expression the parser accepts, in bytes; longer is `too_complex`.
inline constexpr std::size_t max_expression_length = 1u << 20;
/// Deepest parenthesis nesting the parser accepts (256 nested pairs parse; the 257th `(` is
/// `too_complex`).
inline constexpr std::size_t max_expression_depth = 256;

/// Parses an expression of the grammar in cli.md against `frameworks` (Q1, G3). Never throws
/// (but for std::bad_alloc).
boost::system::result<requirement, expression_error> try_parse_requirement(
    std::string_view text, const catalog& frameworks = catalog::builtin());

/// Like try_parse_requirement; throws expression_failure.
requirement parse_requirement(std::string_view text, const catalog& frameworks = catalog::builtin());

/// Canonical text (Q3): parses back to an equal requirement.
std::string to_string(const requirement& r);
/// Canonical text of one atom: `framework[:edition][:type][:variant][:program...][criteria]`.
std::string to_string(const atom& a);

} // namespace compliance

#endif
