//! SmPL (.cocci) rule-file parser.
