// What the rules read of other frameworks' evidence (reads.hpp).
#include "rules/reads.hpp"

#include <algorithm>

namespace compliance::detail {

std::vector<std::vector<std::string>> frameworks_read_by_row(const compliance::catalog& frameworks) {
  const auto& rows = frameworks.rows();
  std::vector<std::vector<std::string>> out(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    auto& read = out[r];
    auto add = [&read](const std::string& id) {
      if (std::find(read.begin(), read.end(), id) == read.end()) read.push_back(id);
    };
    add(rows[r].id.str());
    // Each framework reached is read both as an atom (the reports that satisfy it, C11) and as
    // evidence (the prerequisite it needs, C6, at row or edition level): a superset, never less.
    for (std::size_t k = 0; k < read.size(); ++k) {
      const std::string id = read[k]; // `add` may move the strings
      for (const auto& other : rows)
        for (const auto& eq : other.satisfies)
          if (eq.target.str() == id) add(other.id.str());
      if (const auto* row = frameworks.find(id)) {
        if (row->requires) add(row->requires->str());
        for (const auto& ed : row->editions)
          if (ed.requires) add(ed.requires->str());
      }
    }
  }
  return out;
}

} // namespace compliance::detail
