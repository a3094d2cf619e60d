//! Name-based knowledge for unpreprocessed code: what an unknown identifier probably is.
//!
//! The macro table is asked first; these patterns cover names it does not know.

use super::Parser;
use crate::fxhash::FxHashSet;
use crate::macros::MacroShape;
use crate::syntax_kind::SyntaxKind::{self, *};
use crate::MetaHint;
use std::sync::OnceLock;

type NameSet = FxHashSet<&'static str>;

fn known_types() -> &'static NameSet {
    static SET: OnceLock<NameSet> = OnceLock::new();
    SET.get_or_init(|| KNOWN_TYPES.iter().copied().collect())
}

fn known_attributes() -> &'static NameSet {
    static SET: OnceLock<NameSet> = OnceLock::new();
    SET.get_or_init(|| KNOWN_ATTRIBUTES.iter().copied().collect())
}

/// Typedef names common enough in kernel code to know without seeing their definition.
const KNOWN_TYPES: &[&str] = &[
    "u8",
    "u16",
    "u32",
    "u64",
    "s8",
    "s16",
    "s32",
    "s64",
    "__u8",
    "__u16",
    "__u32",
    "__u64",
    "__s8",
    "__s16",
    "__s32",
    "__s64",
    "__le16",
    "__le32",
    "__le64",
    "__be16",
    "__be32",
    "__be64",
    "bool",
    "size_t",
    "ssize_t",
    "loff_t",
    "off_t",
    "pid_t",
    "uid_t",
    "gid_t",
    "mode_t",
    "dev_t",
    "umode_t",
    "time_t",
    "time64_t",
    "ktime_t",
    "gfp_t",
    "atomic_t",
    "atomic64_t",
    "spinlock_t",
    "rwlock_t",
    "wait_queue_head_t",
    "sector_t",
    "blkcnt_t",
    "uint8_t",
    "uint16_t",
    "uint32_t",
    "uint64_t",
    "int8_t",
    "int16_t",
    "int32_t",
    "int64_t",
    "uintptr_t",
    "intptr_t",
    "ptrdiff_t",
    "va_list",
    "__kernel_size_t",
    "wchar_t",
    "fmode_t",
    "vm_fault_t",
    "refcount_t",
    "kuid_t",
    "kgid_t",
    "projid_t",
    "nlink_t",
    "ino_t",
    "cpumask_t",
    "nodemask_t",
    "FILE",
    "lnet_nid_t",
    "lnet_pid_t",
    "__kernel_ulong_t",
    "__wsum",
    "__sum16",
    "irqreturn_t",
    "poll_table",
    "blk_status_t",
    "errseq_t",
    "seqcount_t",
    "seqlock_t",
    "rwsem_t",
    "__poll_t",
    "dma_addr_t",
    "phys_addr_t",
    "resource_size_t",
    "netdev_tx_t",
    "work_func_t",
    "filldir_t",
    "__off64_t",
];

/// Annotations that appear in declarations without changing their shape.
const KNOWN_ATTRIBUTES: &[&str] = &[
    "__user",
    "__kernel",
    "__iomem",
    "__rcu",
    "__percpu",
    "__force",
    "__bitwise",
    "__init",
    "__exit",
    "__initdata",
    "__exitdata",
    "__read_mostly",
    "__maybe_unused",
    "__always_unused",
    "__used",
    "__unused",
    "__packed",
    "__aligned",
    "__always_inline",
    "noinline",
    "__noinline",
    "__cold",
    "__hot",
    "__pure",
    "__weak",
    "__section",
    "__must_check",
    "__printf",
    "__scanf",
    "__deprecated",
    "__noreturn",
    "__cacheline_aligned",
    "__cacheline_aligned_in_smp",
    "____cacheline_aligned",
    "____cacheline_aligned_in_smp",
    "__must_hold",
    "__acquires",
    "__releases",
    "__acquire",
    "__release",
    "__cond_lock",
    "__visible",
    "asmlinkage",
    "__latent_entropy",
    "__randomize_layout",
    "__no_randomize_layout",
    "__nocast",
    "__safe",
    "__ref",
    "__refdata",
    "__initconst",
    "__devinit",
    "__devexit",
    "__attribute_const__",
    "__malloc",
    "__nonstring",
    "__counted_by",
    "notrace",
    "__sched",
    "__lockfunc",
    "__ro_after_init",
    "__guarded_by",
    "__pt_guarded_by",
    "__free",
    "__cleanup",
    "fastcall",
    "__mode",
    "__alias",
    "__gfp_mask",
    "__no_sanitize_address",
    "__flatten",
    "__nocfi",
    "__weak_alias",
    "__maybe_unused_var",
    "__constructor",
    "__destructor",
    "__noclone",
    "__compiletime_error",
    "__designated_init",
    "__aligned_u64",
    "__aligned_le64",
];

/// Is `name` a type name kernel code uses without defining it in the file (`u32`, `size_t`,
/// a `foo_t` by convention)?
pub fn is_common_type_name(name: &str) -> bool {
    known_types().contains(name) || name.len() > 2 && name.ends_with("_t")
}

/// Macros whose arguments at these positions are type names (known even when the macro table
/// has been replaced by `--macro-file-builtins`).
use crate::macros::builtin::TYPE_ARGUMENTS as TYPE_ARG_MACROS;

impl<'a> Parser<'a> {
    /// Was `name` declared by a `typedef` earlier in this file? Unlike the guessed types,
    /// such a name is a type wherever C allows one (`handle (x);` declares `x`).
    pub fn is_declared_typedef(&self, name: &str) -> bool {
        !self.typedefs.is_empty() && self.typedefs.contains(name)
            || !self.type_macros.is_empty() && self.type_macros.contains(name)
    }

    /// Is `name` known to be a type (built-in list, this file's typedefs, hints, macros)?
    pub fn is_known_type(&self, name: &str) -> bool {
        if let Some(h) = self.smpl_hint(name) {
            return h == MetaHint::Type;
        }
        if known_types().contains(name) || self.is_declared_typedef(name) {
            return true;
        }
        // `foo_t` is a typedef by kernel convention.
        name.len() > 2
            && name.ends_with("_t")
            && self.macros.lookup(name).is_none()
            && !TYPE_ARG_MACROS.iter().any(|(n, _)| *n == name)
    }

    /// A name alone on its line in a struct body, before another member or the `}`: a marker
    /// macro that expands to nothing (`randomized_struct_fields_start`), not the type of
    /// the member below it. A type broken over lines (`u32\n flags;`) is followed by a bare
    /// declarator instead, and a known annotation stays a prefix of the member it precedes.
    pub(crate) fn at_field_marker(&self) -> bool {
        let next = self.pos + 1;
        if self.smpl.is_some()
            || !self.bol_at(self.pos)
            || !self.bol_at(next)
            || self.is_known_type(self.nth_text(0))
            || self.attribute_macro(self.nth_text(0)).is_some()
        {
            return false;
        }
        match self.kind_at(next) {
            R_BRACE => true,
            IDENT => matches!(self.kind_at(next + 1), IDENT | STAR | L_PAREN),
            kind => is_decl_keyword(kind),
        }
    }

    /// Is `name` a declaration annotation (`__user`, `__must_hold(x)`)? `Some(takes_args)`.
    pub fn attribute_macro(&self, name: &str) -> Option<bool> {
        if let Some(info) = self.macros.lookup(name) {
            return match info.shape {
                MacroShape::Attribute { takes_args } => Some(takes_args),
                _ => None,
            };
        }
        if known_attributes().contains(name)
            || !self.empty_macros.is_empty() && self.empty_macros.contains(name)
        {
            return Some(false);
        }
        None
    }

    /// Is `name` a loop macro (`list_for_each_entry`, `cfs_hash_for_each`)?
    pub fn is_iterator_name(&self, name: &str) -> bool {
        if let Some(info) = self.macros.lookup(name) {
            return info.shape == MacroShape::Iterator;
        }
        name.contains("for_each") || name.contains("foreach") || name.starts_with("for_")
    }

    pub fn is_statement_macro(&self, name: &str) -> bool {
        if let Some(info) = self.macros.lookup(name) {
            return info.shape == MacroShape::Statement;
        }
        false
    }

    pub fn is_declarer_macro(&self, name: &str) -> bool {
        if let Some(info) = self.macros.lookup(name) {
            return info.shape == MacroShape::Declarer;
        }
        false
    }

    pub fn is_string_macro(&self, name: &str) -> bool {
        if let Some(info) = self.macros.lookup(name) {
            return info.shape == MacroShape::StringLiteral;
        }
        false
    }

    /// Positions of type arguments of macro `name`.
    pub fn type_arg_positions(&self, name: &str) -> Option<Vec<usize>> {
        if let Some(info) = self.macros.lookup(name) {
            if let MacroShape::TypeArguments(p) = &info.shape {
                return Some(p.clone());
            }
        }
        TYPE_ARG_MACROS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, p)| p.to_vec())
    }
}

/// Keywords that can only start a type (specifier or qualifier) or declaration.
pub fn is_decl_keyword(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        AUTO_KW
            | CHAR_KW
            | CONST_KW
            | DOUBLE_KW
            | ENUM_KW
            | EXTERN_KW
            | FLOAT_KW
            | INLINE_KW
            | INT_KW
            | LONG_KW
            | REGISTER_KW
            | RESTRICT_KW
            | SHORT_KW
            | SIGNED_KW
            | STATIC_KW
            | STRUCT_KW
            | TYPEDEF_KW
            | UNION_KW
            | UNSIGNED_KW
            | VOID_KW
            | VOLATILE_KW
            | BOOL_KW
            | COMPLEX_KW
            | ALIGNAS_KW
            | ATOMIC_KW
            | NORETURN_KW
            | THREAD_LOCAL_KW
            | ATTRIBUTE_KW
            | TYPEOF_KW
            | INT128_KW
            | AUTO_TYPE_KW
            | LABEL_KW
    )
}

/// Keywords that can start a type name (no storage classes).
pub fn is_type_keyword(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        CHAR_KW
            | CONST_KW
            | DOUBLE_KW
            | ENUM_KW
            | FLOAT_KW
            | INT_KW
            | LONG_KW
            | RESTRICT_KW
            | SHORT_KW
            | SIGNED_KW
            | STRUCT_KW
            | UNION_KW
            | UNSIGNED_KW
            | VOID_KW
            | VOLATILE_KW
            | BOOL_KW
            | COMPLEX_KW
            | ATOMIC_KW
            | TYPEOF_KW
            | INT128_KW
            | AUTO_TYPE_KW
            | ATTRIBUTE_KW
    )
}

/// Tokens after which an identifier cannot be a type name but is a declarator's name.
pub fn ends_declarator(kind: SyntaxKind) -> bool {
    matches!(kind, SEMI | EQ | COMMA | L_BRACK | R_PAREN | COLON)
}
