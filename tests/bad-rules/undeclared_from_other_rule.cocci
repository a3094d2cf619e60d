@find@
expression dev;
@@
  pci_enable_device(dev)

@@
@@
- pci_disable_device(dev);
+ pcim_disable(dev);
