//! Rule bodies (placeholder until c-parser's SmPL entry lands).

use crate::diag::Diagnostics;
use crate::model::{MetavarDecl, RuleHeader};
use std::ops::Range;

#[derive(Clone, Debug, Default)]
pub struct RuleBody {
    pub span: Range<usize>,
}

pub fn parse_body(
    _text: &str,
    span: Range<usize>,
    _metavars: &[MetavarDecl],
    _header: &RuleHeader,
    _file: usize,
    _diags: &mut Diagnostics,
) -> RuleBody {
    RuleBody { span }
}
