(* rcocci's OCaml script host, loaded into an `ocaml` toplevel that rcocci started. Each
   request is a file of OCaml (the script with its inputs bound, see ocaml.rs) that the
   toplevel loads with [Toploop.use_silently], so that what a script defines stays defined
   for the next ones; the reply is one line after the script's own output:
   "\001RCOCCI " followed by a JSON object. See docs/design/scripting.md. *)

(* The part of Coccinelle's C syntax tree (Ast_c) that rcocci gives OCaml scripts, as the
   second component of `(text, ast) << r.x`: the names of a parameter list's parameters.
   Tokens carry no position information here. *)
module Ast_c = struct
  type info = unit
  type 'a wrap = 'a * info list
  type 'a wrap2 = 'a * info list
  type name = RegularName of string wrap
  type parameterType = { p_namei : name option }

  let unwrap ((x, _) : 'a wrap) = x
  let str_of_name (RegularName (s, _)) = s
end

module Coccilib = struct
  type pos = {
    current_element : string;
    current_element_line : int;
    current_element_col : int;
    current_element_line_end : int;
    current_element_col_end : int;
    file : string;
    line : int;
    col : int;
    line_end : int;
    col_end : int;
  }

  (* What a script gives an out-binding (`x := make_ident "name"`). *)
  type value = Unset | Code of string | Positions of pos list

  let included = ref true
  let exited = ref false
  let current_files : string list ref = ref []
  let include_match b = included := b
  let exit () = exited := true
  let files () = !current_files
  let make_ident s = Code s
  let make_expr s = Code s
  let make_stmt s = Code s
  let make_stmt_with_env (_ : string) s = Code s
  let make_type s = Code s
  let make_pragmainfo s = Code s
  let make_listlen n = Code (string_of_int n)

  let make_position file current_element line col line_end col_end =
    Positions
      [
        {
          current_element;
          current_element_line = 0;
          current_element_col = 0;
          current_element_line_end = 0;
          current_element_col_end = 0;
          file;
          line;
          col;
          line_end;
          col_end;
        };
      ]
end

module Rcocci_host = struct
  let json_string s =
    let b = Buffer.create (String.length s + 2) in
    Buffer.add_char b '"';
    String.iter
      (fun c ->
        match c with
        | '"' -> Buffer.add_string b "\\\""
        | '\\' -> Buffer.add_string b "\\\\"
        | '\n' -> Buffer.add_string b "\\n"
        | c when Char.code c < 0x20 ->
            Buffer.add_string b (Printf.sprintf "\\u%04x" (Char.code c))
        | c -> Buffer.add_char b c)
      s;
    Buffer.add_char b '"';
    Buffer.contents b

  let json_pos (p : Coccilib.pos) =
    Printf.sprintf
      "{\"file\":%s,\"current_element\":%s,\"current_element_line\":%d,\"current_element_column\":%d,\"current_element_line_end\":%d,\"current_element_column_end\":%d,\"line\":%d,\"column\":%d,\"line_end\":%d,\"column_end\":%d}"
      (json_string p.file) (json_string p.current_element) p.current_element_line
      p.current_element_col p.current_element_line_end p.current_element_col_end p.line p.col
      p.line_end p.col_end

  let json_value = function
    | Coccilib.Unset -> "null"
    | Coccilib.Code s -> Printf.sprintf "{\"code\":%s}" (json_string s)
    | Coccilib.Positions ps ->
        Printf.sprintf "{\"positions\":[%s]}" (String.concat "," (List.map json_pos ps))

  (* Passes registered by scripts (files, virtual rules, virtual identifiers, extend). *)
  let pending : (string list option * string list * (string * string) list * bool) list ref =
    ref []

  let print_iterations () =
    let strings l = "[" ^ String.concat "," (List.map json_string l) ^ "]" in
    let one (files, rules, ids, extend) =
      Printf.sprintf "{\"files\":%s,\"rules\":%s,\"identifiers\":[%s],\"extend\":%b}"
        (match files with None -> "null" | Some fs -> strings fs)
        (strings rules)
        (String.concat "," (List.map (fun (n, v) -> strings [ n; v ]) ids))
        extend
    in
    let all = List.rev !pending in
    pending := [];
    Printf.printf "\n\001RCOCCI {\"ok\":true,\"iterations\":[%s]}\n%!"
      (String.concat "," (List.map one all))

  let outputs : string ref = ref "{}"
  let value : string ref = ref "null"

  (* Called at the end of a script rule's file: its out-bindings. *)
  let set_outputs (l : (string * Coccilib.value) list) =
    outputs :=
      "{"
      ^ String.concat ","
          (List.map (fun (n, v) -> json_string n ^ ":" ^ json_value v) l)
      ^ "}"

  let answer_bool b = value := if b then "true" else "false"
  let answer_string s = value := json_string s

  (* Loads one request file and prints the reply. *)
  let run path =
    Coccilib.included := true;
    Coccilib.exited := false;
    outputs := "{}";
    value := "null";
    let errors = Buffer.create 256 in
    let ppf = Format.formatter_of_buffer errors in
    let ok = try Toploop.use_silently ppf path with e -> Format.fprintf ppf "%s" (Printexc.to_string e); false in
    Format.pp_print_flush ppf ();
    Format.pp_print_flush Format.std_formatter ();
    Printf.printf
      "\n\001RCOCCI {\"ok\":%b,\"error\":%s,\"outputs\":%s,\"value\":%s,\"include_match\":%b,\"exit\":%b}\n%!"
      ok (json_string (Buffer.contents errors)) !outputs !value !Coccilib.included
      !Coccilib.exited
end
