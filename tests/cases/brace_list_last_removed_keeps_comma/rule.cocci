@@
@@
static const int port_modes[] = {
  ...,
- PORT_LEGACY
 };

@@
identifier e;
@@
enum e {
  ...,
- MODE_OLD
 };

@@
@@
 set_ports(...,
- PORT_LEGACY
 )
