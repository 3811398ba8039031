#include "floe/iceberg/filter_parser.h"

#include <cctype>
#include <charconv>
#include <string>
#include <utility>
#include <vector>

namespace floe::iceberg {

namespace {

enum class TokenKind { kWord, kQuotedName, kString, kNumber, kSymbol, kEnd };

struct Token {
  TokenKind kind;
  std::string text;  // the word, name, unescaped string, number or symbol
  size_t position;   // 1-based
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Describe(const Token& t) {
  switch (t.kind) {
    case TokenKind::kEnd:
      return "end of input";
    case TokenKind::kString:
      return fmt::format("string '{}'", t.text);
    case TokenKind::kQuotedName:
      return fmt::format("name \"{}\"", t.text);
    default:
      return fmt::format("'{}'", t.text);
  }
}

Error ErrorAt(size_t position, std::string_view problem) {
  return InvalidArgument("filter: at position {}: {}", position, problem);
}

Result<std::vector<Token>> Tokenize(std::string_view s) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    size_t start = i;
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      while (i < s.size() &&
             (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_' || s[i] == '.')) {
        ++i;
      }
      tokens.push_back({TokenKind::kWord, std::string(s.substr(start, i - start)), start + 1});
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '.' && i + 1 < s.size() &&
                std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      while (i < s.size() &&
             (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '.' ||
              ((s[i] == '-' || s[i] == '+') && (s[i - 1] == 'e' || s[i - 1] == 'E')))) {
        ++i;
      }
      tokens.push_back({TokenKind::kNumber, std::string(s.substr(start, i - start)), start + 1});
    } else if (c == '\'' || c == '"' || c == '`') {
      std::string text;
      ++i;
      bool closed = false;
      while (i < s.size()) {
        if (s[i] == c) {
          if (i + 1 < s.size() && s[i + 1] == c) {
            text += c;
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        text += s[i++];
      }
      if (!closed) return ErrorAt(start + 1, "unterminated quoted text");
      tokens.push_back(
          {c == '\'' ? TokenKind::kString : TokenKind::kQuotedName, std::move(text), start + 1});
    } else {
      static constexpr std::string_view kTwo[] = {"<=", ">=", "!=", "<>", "=="};
      std::string_view two = s.substr(i, 2);
      bool matched = false;
      for (std::string_view t : kTwo) {
        if (two == t) {
          tokens.push_back({TokenKind::kSymbol, std::string(t), start + 1});
          i += 2;
          matched = true;
          break;
        }
      }
      if (matched) continue;
      if (std::string_view("()<>=,-").find(c) == std::string_view::npos) {
        return ErrorAt(start + 1, fmt::format("unexpected character '{}'", c));
      }
      tokens.push_back({TokenKind::kSymbol, std::string(1, c), start + 1});
      ++i;
    }
  }
  tokens.push_back({TokenKind::kEnd, "", s.size() + 1});
  return tokens;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  Result<ExprPtr> ParseAll() {
    FLOE_ASSIGN_OR_RETURN(ExprPtr e, ParseOr());
    if (Peek().kind != TokenKind::kEnd) return Expected("'and', 'or' or the end");
    return e;
  }

 private:
  const Token& Peek(size_t ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  const Token& Next() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
  bool IsKeyword(const Token& t, std::string_view word) const {
    return t.kind == TokenKind::kWord && Lower(t.text) == word;
  }
  bool IsSymbol(const Token& t, std::string_view symbol) const {
    return t.kind == TokenKind::kSymbol && t.text == symbol;
  }
  bool Accept(std::string_view word) {
    if (!IsKeyword(Peek(), word)) return false;
    ++pos_;
    return true;
  }
  Error Expected(std::string_view what) const {
    return ErrorAt(Peek().position, fmt::format("expected {}, got {}", what, Describe(Peek())));
  }
  Status ExpectSymbol(std::string_view symbol) {
    if (!IsSymbol(Peek(), symbol)) return Expected(fmt::format("'{}'", symbol));
    ++pos_;
    return OkStatus();
  }

  Result<ExprPtr> ParseOr() {
    FLOE_ASSIGN_OR_RETURN(ExprPtr left, ParseAnd());
    while (Accept("or")) {
      FLOE_ASSIGN_OR_RETURN(ExprPtr right, ParseAnd());
      left = Or(std::move(left), std::move(right));
    }
    return left;
  }

  Result<ExprPtr> ParseAnd() {
    FLOE_ASSIGN_OR_RETURN(ExprPtr left, ParseUnary());
    while (Accept("and")) {
      FLOE_ASSIGN_OR_RETURN(ExprPtr right, ParseUnary());
      left = And(std::move(left), std::move(right));
    }
    return left;
  }

  Result<ExprPtr> ParseUnary() {
    if (Accept("not")) {
      FLOE_ASSIGN_OR_RETURN(ExprPtr child, ParseUnary());
      return Not(std::move(child));
    }
    if (IsSymbol(Peek(), "(")) {
      ++pos_;
      FLOE_ASSIGN_OR_RETURN(ExprPtr inner, ParseOr());
      FLOE_RETURN_IF_ERROR(ExpectSymbol(")"));
      return inner;
    }
    if (Accept("true")) return AlwaysTrue();
    if (Accept("false")) return AlwaysFalse();
    return ParsePredicate();
  }

  Result<ExprPtr> ParsePredicate() {
    const Token& column = Peek();
    if (column.kind != TokenKind::kWord && column.kind != TokenKind::kQuotedName) {
      return Expected("a column name, 'not' or '('");
    }
    std::string name = column.text;
    ++pos_;
    if (Accept("is")) {
      bool negated = Accept("not");
      if (Accept("null")) return negated ? NotNull(name) : IsNull(name);
      if (Accept("nan")) return negated ? NotNan(name) : IsNan(name);
      return Expected("'null' or 'nan'");
    }
    bool negated = Accept("not");
    if (Accept("in")) {
      FLOE_RETURN_IF_ERROR(ExpectSymbol("("));
      std::vector<Literal> values;
      do {
        FLOE_ASSIGN_OR_RETURN(Literal v, ParseValue());
        values.push_back(std::move(v));
      } while (IsSymbol(Peek(), ",") && (++pos_, true));
      FLOE_RETURN_IF_ERROR(ExpectSymbol(")"));
      return negated ? NotIn(name, std::move(values)) : In(name, std::move(values));
    }
    if (Accept("starts")) {
      if (!Accept("with")) return Expected("'with'");
      if (Peek().kind != TokenKind::kString) return Expected("a quoted string");
      std::string prefix = Next().text;
      return negated ? NotStartsWith(name, prefix) : StartsWith(name, prefix);
    }
    if (negated) return Expected("'in' or 'starts with'");
    const Token& op_token = Peek();
    Operation op;
    if (IsSymbol(op_token, "=") || IsSymbol(op_token, "==")) {
      op = Operation::kEq;
    } else if (IsSymbol(op_token, "!=") || IsSymbol(op_token, "<>")) {
      op = Operation::kNotEq;
    } else if (IsSymbol(op_token, "<")) {
      op = Operation::kLt;
    } else if (IsSymbol(op_token, "<=")) {
      op = Operation::kLtEq;
    } else if (IsSymbol(op_token, ">")) {
      op = Operation::kGt;
    } else if (IsSymbol(op_token, ">=")) {
      op = Operation::kGtEq;
    } else {
      return Expected(fmt::format("an operator after column '{}'", name));
    }
    ++pos_;
    FLOE_ASSIGN_OR_RETURN(Literal value, ParseValue());
    return MakePredicate(op, std::move(name), {std::move(value)});
  }

  Result<Literal> ParseValue() {
    const Token& t = Peek();
    if (t.kind == TokenKind::kString) return Literal::String(Next().text);
    if (IsKeyword(t, "true") || IsKeyword(t, "false")) {
      return Literal::Boolean(Lower(Next().text) == "true");
    }
    if (IsKeyword(t, "null")) {
      return ErrorAt(t.position, "null is not a value to compare with; use 'is null'");
    }
    bool negative = false;
    if (IsSymbol(t, "-")) {
      negative = true;
      ++pos_;
    }
    const Token& number = Peek();
    if (number.kind != TokenKind::kNumber) return Expected("a value");
    ++pos_;
    std::string text = (negative ? "-" : "") + number.text;
    const char* end = text.data() + text.size();
    int64_t i = 0;
    auto [p, ec] = std::from_chars(text.data(), end, i);
    if (ec == std::errc() && p == end) return Literal::Long(i);
    if (text.find_first_of("eE") == std::string::npos) {
      auto d = ParseDecimal(text);
      if (d.has_value()) return *d;
    } else {
      double v = 0;
      auto [q, ec2] = std::from_chars(text.data(), end, v);
      if (ec2 == std::errc() && q == end) return Literal::Double(v);
    }
    return ErrorAt(number.position, fmt::format("malformed number '{}'", number.text));
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

}  // namespace

Result<ExprPtr> ParseFilter(std::string_view text) {
  FLOE_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(text));
  Parser parser(std::move(tokens));
  return parser.ParseAll();
}

}  // namespace floe::iceberg
