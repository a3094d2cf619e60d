static int port_attach(struct port *p, struct bus *bus, int create)
{
	struct port_map *map;
	int rc;

	map = kzalloc(sizeof(*map), GFP_KERNEL);
	if (!map)
		return -ENOMEM;
	if (create) {
		bus_link(bus, &map->node);
	} else {
		rc = -ENOENT;
		goto out_free;
	}
	return 0;
out_free:
	kfree(map);
	return rc;
}

static int port_detach(struct port *p, struct bus *bus)
{
	struct port_map *map;
	int rc;

	map = kzalloc(sizeof(*map), GFP_KERNEL);
	if (!map)
		return -ENOMEM;
	if (bus->closed) {
		rc = -ESHUTDOWN;
		goto out;
	}
	bus_link(bus, &map->node);
	return 0;
out:
	return rc;
}

static int port_scan(struct port *p, struct bus *bus)
{
	struct port_map *map;
	int i, rc = 0;

	map = kzalloc(sizeof(*map), GFP_KERNEL);
	if (!map)
		return -ENOMEM;
	for (i = 0; i < bus->nr; i++) {
		if (bus->slot[i] == p) {
			rc = -EEXIST;
			break;
		}
	}
	if (rc)
		goto out;
	bus_link(bus, &map->node);
	return 0;
out:
	return rc;
}
