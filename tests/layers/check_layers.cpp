// The library's layering, checked on its sources (docs/architecture.md):
//   check_layers <source root>
// - src/ holds one folder per layer; the order below is the only place it is written. A file may
//   include its own layer's headers and those of lower layers, never a higher layer's.
// - No include cycle between files (following `#include "…"` through src/ and include/).
// - The public headers (include/compliance) include nothing from src/.
// - No source file of the library is over 900 lines.
// Prints every violation, one a line, and exits 1 when there is any.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

/// The layers, lowest first.
const std::vector<std::string> layers = {"util", "model", "rules", "store", "index", "registry", "query", "io"};
constexpr std::size_t max_lines = 900;

int rank_of(const std::string& layer) {
  const auto it = std::find(layers.begin(), layers.end(), layer);
  return it == layers.end() ? -1 : static_cast<int>(it - layers.begin());
}

struct file_info {
  std::vector<std::string> includes; ///< as written
  std::size_t lines = 0;
};

file_info read(const fs::path& p) {
  file_info out;
  std::ifstream in(p);
  static const std::regex include(R"re(^\s*#\s*include\s*"([^"]+)")re");
  std::string line;
  std::smatch m;
  while (std::getline(in, line)) {
    ++out.lines;
    if (std::regex_search(line, m, include)) out.includes.push_back(m[1]);
  }
  return out;
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: check_layers <source root>\n";
    return 2;
  }
  const fs::path root = argv[1];
  const fs::path src = root / "src";
  const fs::path pub = root / "include";
  std::vector<std::string> problems;
  // Every file, by the name other files include it by: "layer/name.hpp" or "compliance/name.hpp".
  std::map<std::string, file_info> files;
  std::map<std::string, std::string> shown; // name → path for messages
  for (const auto& e : fs::recursive_directory_iterator(src)) {
    if (!e.is_regular_file()) continue;
    const auto ext = e.path().extension();
    if (ext != ".cpp" && ext != ".hpp") continue;
    const auto rel = fs::relative(e.path(), src).generic_string();
    files[rel] = read(e.path());
    shown[rel] = "src/" + rel;
  }
  for (const auto& e : fs::recursive_directory_iterator(pub)) {
    if (!e.is_regular_file() || e.path().extension() != ".hpp") continue;
    const auto rel = fs::relative(e.path(), pub).generic_string();
    files[rel] = read(e.path());
    shown[rel] = "include/" + rel;
  }
  for (const auto& [name, info] : files) {
    const auto slash = name.find('/');
    const std::string layer = name.substr(0, slash);
    const bool is_public = layer == "compliance";
    if (!is_public && rank_of(layer) < 0)
      problems.push_back(shown[name] + ": not in a layer folder (" + std::to_string(layers.size()) + " layers: util … io)");
    if (!is_public && info.lines > max_lines)
      problems.push_back(shown[name] + ": " + std::to_string(info.lines) + " lines, over " + std::to_string(max_lines));
    for (const auto& inc : info.includes) {
      const std::string to = inc.substr(0, inc.find('/'));
      if (to == "compliance") continue; // the public headers: every layer may use them
      if (is_public) {
        problems.push_back(shown[name] + ": a public header includes \"" + inc + "\" (not installed)");
        continue;
      }
      if (inc.find('/') == std::string::npos || rank_of(to) < 0) {
        problems.push_back(shown[name] + ": includes \"" + inc + "\": name internal headers by their layer (\"util/…\")");
        continue;
      }
      if (rank_of(to) > rank_of(layer))
        problems.push_back(shown[name] + ": layer " + layer + " includes \"" + inc + "\" of the higher layer " + to);
      if (!files.count(inc)) problems.push_back(shown[name] + ": includes \"" + inc + "\", which does not exist");
    }
  }
  // Include cycles: depth-first search over the include graph.
  std::map<std::string, int> state; // 0 new, 1 on the stack, 2 done
  std::vector<std::string> stack;
  std::set<std::string> reported;
  const std::function<void(const std::string&)> visit = [&](const std::string& n) {
    state[n] = 1;
    stack.push_back(n);
    for (const auto& inc : files[n].includes) {
      if (!files.count(inc)) continue;
      if (state[inc] == 1) {
        std::string cycle;
        for (auto it = std::find(stack.begin(), stack.end(), inc); it != stack.end(); ++it) cycle += shown[*it] + " → ";
        cycle += shown[inc];
        if (reported.insert(cycle).second) problems.push_back("include cycle: " + cycle);
      } else if (state[inc] == 0) {
        visit(inc);
      }
    }
    stack.pop_back();
    state[n] = 2;
  };
  for (const auto& [name, info] : files)
    if (state[name] == 0) visit(name);
  for (const auto& p : problems) std::cout << p << "\n";
  if (!problems.empty()) {
    std::cout << problems.size() << " layering problem(s)\n";
    return 1;
  }
  std::cout << "layers: " << files.size() << " files; no upward include, no cycle, none over " << max_lines << " lines\n";
  return 0;
}
