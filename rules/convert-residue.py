#!/usr/bin/env python3
"""Residue of a conversion: occurrences, outside comments and string literals, of the old API
names a profile converts, per name, in the .c/.h files of a tree.

    rules/convert-residue.py TREE [NAME-GLOB...]

Without names, the mechanical families of profiles/lustre-upstream.toml are counted. A glob's
`*` stands for any run of identifier characters. A name a flag rule reports (a `// flag NAME:`
line in rules/*_flags.cocci: the conversion cannot be mechanical there) is counted apart, as
flagged, not as residue.
"""
import os
import re
import sys

MECHANICAL = """
ENTRY EXIT RETURN RETURN_EXIT GOTO
OBD_ALLOC* OBD_FREE* OBD_SLAB_ALLOC* OBD_SLAB_FREE* OBD_CPT_ALLOC* LIBCFS_ALLOC* LIBCFS_FREE
LIBCFS_CPT_ALLOC* CFS_ALLOC_PTR* CFS_FREE_PTR*
cfs_time_seconds cfs_timer_setup cfs_timer_cb_arg cfs_timer_cb_arg_t cfs_from_timer CFS_CAP_*
cfs_capable current_pid cfs_rand CLASSERT LDLM_LOCK_PUT LDLM_LOCK_RELEASE LDLM_LOCK_GET
cfs_hash_32 cfs_hash_64 cfs_hashlen_string ll_full_name_hash cfs_trimwhite
ll_vfs_unlink ll_pagevec_init ll_task_pid_ns get_vmf_address LOOKUP_CONTINUE
*llcrypt* LL_IOC_*ENCRYPTION* selinux_is_enabled
cfs_apply_workqueue_attrs CDEBUG_ENABLED LIBCFS_DEBUG cfs_kernel_param_arg_t cfs_totalram_pages
ll_d_count ll_xa_lock_irqsave ll_xa_lock ll_xa_unlock_irqrestore ll_xa_unlock ll_xa_is_value
page_tree ll_truncate_pagecache cfs_kernel_write cfs_kernel_read ll_vfs_getattr
ll_vfs_getxattr ll_vfs_setxattr ___wait_cond_timeout1
""".split()

TOKEN = re.compile(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|[A-Za-z_]\w*',
                   re.S)


def flagged_names():
    rules = os.path.dirname(os.path.abspath(__file__))
    names = set()
    for f in os.listdir(rules):
        if f.endswith('_flags.cocci'):
            for line in open(os.path.join(rules, f), encoding='utf-8'):
                m = re.match(r'//\s*flag\s+(\w+):', line)
                if m:
                    names.add(m.group(1))
    return names


def main():
    tree = sys.argv[1]
    flagged = flagged_names()
    flagged_counts = {}
    globs = sys.argv[2:] or MECHANICAL
    pats = [(g, re.compile('^' + re.escape(g).replace(r'\*', r'\w*') + '$')) for g in globs]
    counts = {g: 0 for g in globs}
    sites = {g: [] for g in globs}
    for d, _, files in os.walk(tree):
        for f in sorted(files):
            if not f.endswith(('.c', '.h')):
                continue
            path = os.path.join(d, f)
            text = open(path, encoding='utf-8', errors='replace').read()
            for m in TOKEN.finditer(text):
                word = m.group(0)
                if not (word[0].isalpha() or word[0] == '_'):
                    continue
                if word in flagged:
                    flagged_counts[word] = flagged_counts.get(word, 0) + 1
                    continue
                for g, p in pats:
                    if p.match(word):
                        counts[g] += 1
                        if len(sites[g]) < 3:
                            line = text.count('\n', 0, m.start()) + 1
                            sites[g].append(f'{os.path.relpath(path, tree)}:{line}')
                        break
    total = 0
    for g in globs:
        if counts[g]:
            print(f'{counts[g]:6d}  {g}  ({", ".join(sites[g])})')
            total += counts[g]
    for name, n in sorted(flagged_counts.items()):
        print(f'{n:6d}  {name}  (flagged, not residue)')
    print(f'residue: {total} occurrences of {len(globs)} old names')


main()
