//! Which isomorphisms are in force: [`Iso`] names each one rcocci implements (standard.iso's
//! names, so that `disable NAME` and an `--iso-file` choose among them), [`IsoSet`] holds a
//! rule's as bits.

/// Declares [`Iso`], the isomorphisms rcocci implements, with their standard.iso names.
macro_rules! isomorphisms {
    ($($variant:ident = $name:literal,)*) => {
        /// An isomorphism rcocci implements, named as in standard.iso (`comm_assoc` and the
        /// optional ones as spatch names them).
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Iso {
            $($variant,)*
        }

        impl Iso {
            /// Every isomorphism, in declaration order.
            pub const ALL: &'static [Iso] = &[$(Iso::$variant,)*];

            pub fn name(self) -> &'static str {
                match self {
                    $(Iso::$variant => $name,)*
                }
            }

            pub fn from_name(name: &str) -> Option<Iso> {
                match name {
                    $($name => Some(Iso::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

isomorphisms! {
    IsNull = "is_null",
    IsZero = "is_zero",
    IsntNull1 = "isnt_null1",
    IsntZero = "isnt_zero",
    NotPtr1 = "not_ptr1",
    NotInt1 = "not_int1",
    NotInt2 = "not_int2",
    NotPtr2 = "not_ptr2",
    Commeq = "commeq",
    Commneq = "commneq",
    PlusComm = "plus_comm",
    MultComm = "mult_comm",
    BitorComm = "bitor_comm",
    BitandComm = "bitand_comm",
    Paren = "paren",
    DropElse = "drop_else",
    NeIf = "ne_if",
    NegIf = "neg_if",
    OptionalStorage = "optional_storage",
    OptionalQualifier = "optional_qualifier",
    OptionalAttributes = "optional_attributes",
    DropCast = "drop_cast",
    AssignInit = "assign_init",
    Braces = "braces",
    DeclInit = "decl_init",
    PtrField = "ptr_field",
    PtrToArray = "ptr_to_array",
    SizeofParen = "sizeof_paren",
    FldToPtr = "fld_to_ptr",
    ZeroMultipleFormat = "zero_multiple_format",
    CommAssoc = "comm_assoc",
}

/// The isomorphisms in force for a rule: one bit per [`Iso`], asked for in the matcher's
/// inner loops.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IsoSet {
    enabled: u64,
}

const _: () = assert!(
    Iso::ALL.len() <= 64,
    "IsoSet holds one bit per Iso in a u64"
);

impl Default for IsoSet {
    fn default() -> Self {
        IsoSet::of(Iso::ALL)
    }
}

impl IsoSet {
    /// No isomorphisms at all (`--no-iso`).
    pub fn none() -> Self {
        IsoSet { enabled: 0 }
    }

    fn of(isos: &[Iso]) -> Self {
        IsoSet {
            enabled: isos.iter().fold(0, |bits, iso| bits | 1 << *iso as u32),
        }
    }

    /// The isomorphisms an iso file names (standard.iso format: `@ name @` headers); only
    /// those rcocci implements take effect. `sizeof_paren` and `ptr_field` are rcocci's own,
    /// and `comm_assoc` is built into spatch rather than written in an iso file: they stay on,
    /// with the brace and optional-part ones spatch applies whatever the file.
    pub fn from_iso_file(text: &str) -> Self {
        let mut set = IsoSet::of(&[
            Iso::CommAssoc,
            Iso::PtrField,
            Iso::SizeofParen,
            Iso::Braces,
            Iso::AssignInit,
            Iso::OptionalStorage,
            Iso::OptionalQualifier,
            Iso::OptionalAttributes,
        ]);
        for line in text.lines() {
            let l = line.trim();
            let name = l.strip_prefix('@').and_then(|rest| rest.strip_suffix('@'));
            if let Some(iso) = name.and_then(|n| Iso::from_name(n.trim())) {
                set.enabled |= 1 << iso as u32;
            }
        }
        set
    }

    /// This set with a rule's `disable` names turned off.
    pub fn without(&self, disabled: &[String]) -> Self {
        let mut s = *self;
        for d in disabled {
            if let Some(iso) = Iso::from_name(d) {
                s.enabled &= !(1 << iso as u32);
            }
            // spatch's brace isomorphisms are numbered; rcocci has one.
            if d.starts_with("braces") {
                s.enabled &= !(1 << Iso::Braces as u32);
            }
        }
        s
    }

    pub fn on(&self, iso: Iso) -> bool {
        self.enabled & (1 << iso as u32) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::{Iso, IsoSet};

    #[test]
    fn every_name_reads_back_as_its_isomorphism() {
        for iso in Iso::ALL {
            assert_eq!(Iso::from_name(iso.name()), Some(*iso));
        }
        assert_eq!(Iso::from_name("no_such_iso"), None);
    }

    #[test]
    fn an_iso_file_turns_on_what_it_names_and_the_built_in_ones() {
        let set = IsoSet::from_iso_file(
            "Expression\n@ is_null @\nexpression X;\n@@\nX == NULL => !X\n\n@ unknown_one @\n",
        );
        assert!(set.on(Iso::IsNull));
        assert!(set.on(Iso::CommAssoc) && set.on(Iso::Braces));
        assert!(!set.on(Iso::IsntNull1) && !set.on(Iso::NegIf));
    }

    #[test]
    fn disable_turns_off_by_name_and_every_numbered_brace_iso() {
        let set = IsoSet::default().without(&["neg_if".to_string(), "braces4".to_string()]);
        assert!(!set.on(Iso::NegIf) && !set.on(Iso::Braces));
        assert!(set.on(Iso::NeIf));
        assert!(!IsoSet::none().on(Iso::Paren));
    }
}
