"""Forms for changing networks. Parsing here; the rules live in topology.validation."""

import ipaddress
import re

from django import forms

from dashboard.topology import driver_options as opt
from dashboard.topology.naming import ALIAS_RE, parse_pairs
from dashboard.topology.network_spec import NetworkSpec, Pool
from dashboard.topology.validation import validate

BOOL_CHOICES = [("", "Docker's default"), ("true", "yes"), ("false", "no")]
POOLS = 3


class NetworkCreateForm(forms.Form):
    engine = forms.ChoiceField()
    name = forms.CharField(required=False, max_length=300)
    driver = forms.ChoiceField()
    enable_ipv6 = forms.BooleanField(required=False, label="IPv6")
    ipv6_subnet = forms.CharField(required=False, label="IPv6 subnet")
    ipv6_gateway = forms.CharField(required=False, label="IPv6 gateway")
    internal = forms.BooleanField(required=False, help_text="no way out to other networks")
    attachable = forms.BooleanField(
        required=False, help_text="overlay: standalone containers may join"
    )
    bridge_name = forms.CharField(required=False, label="Linux bridge name", max_length=64)
    mtu = forms.CharField(required=False, label="MTU", max_length=8)
    icc = forms.ChoiceField(
        required=False, choices=BOOL_CHOICES, label="Inter-container communication"
    )
    ip_masquerade = forms.ChoiceField(required=False, choices=BOOL_CHOICES, label="IP masquerade")
    host_binding_ipv4 = forms.CharField(required=False, label="Host binding IPv4", max_length=64)
    parent = forms.CharField(
        required=False,
        label="Parent interface",
        max_length=64,
        help_text="on the engine's host, such as eth0, or eth0.10 for Docker to make VLAN 10",
    )
    macvlan_mode = forms.ChoiceField(
        required=False,
        label="macvlan mode",
        choices=[("", "Docker's default (bridge)")] + [(m, m) for m in opt.MODES["macvlan"]],
    )
    ipvlan_mode = forms.ChoiceField(
        required=False,
        label="ipvlan mode",
        choices=[("", "Docker's default (l2)")] + [(m, m) for m in opt.MODES["ipvlan"]],
    )
    labels = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="key=value, one a line"
    )
    options = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Driver options",
        help_text="key=value, one a line",
    )

    def __init__(self, *args, engines, drivers, context_for, **kwargs):
        super().__init__(*args, **kwargs)
        self.context_for = context_for
        self.fields["engine"].choices = [(e, e) for e in engines]
        self.fields["driver"].choices = [(d, d) for d in drivers]
        for i in range(1, POOLS + 1):
            self.fields[f"pool{i}_subnet"] = forms.CharField(required=False, label=f"Subnet {i}")
            self.fields[f"pool{i}_gateway"] = forms.CharField(required=False, label=f"Gateway {i}")
            self.fields[f"pool{i}_ip_range"] = forms.CharField(
                required=False, label=f"IP range {i}"
            )
        self.spec: NetworkSpec | None = None

    def pool_rows(self):
        return [
            (self[f"pool{i}_subnet"], self[f"pool{i}_gateway"], self[f"pool{i}_ip_range"])
            for i in range(1, POOLS + 1)
        ]

    def clean(self):
        data = super().clean()
        labels, problems = parse_pairs(data.get("labels", ""), "label")
        for p in problems:
            self.add_error("labels", p)
        options, problems = parse_pairs(data.get("options", ""), "option")
        for p in problems:
            self.add_error("options", p)
        named = {
            opt.BRIDGE_NAME: data.get("bridge_name", "").strip(),
            opt.MTU: data.get("mtu", "").strip(),
            opt.ICC: data.get("icc", ""),
            opt.MASQ: data.get("ip_masquerade", ""),
            opt.HOST_BINDING: data.get("host_binding_ipv4", "").strip(),
            opt.PARENT: data.get("parent", "").strip(),
            opt.MODE_OPTION["macvlan"]: data.get("macvlan_mode", ""),
            opt.MODE_OPTION["ipvlan"]: data.get("ipvlan_mode", ""),
        }
        for key, value in named.items():
            if not value:
                continue
            if key in options and options[key] != value:
                self.add_error("options", f"{key} is set both here and in its own field.")
            options[key] = value
        self.spec = NetworkSpec(
            name=data.get("name", "").strip(),
            driver=data.get("driver", "bridge"),
            pools=[
                Pool(
                    data.get(f"pool{i}_subnet", "").strip(),
                    data.get(f"pool{i}_gateway", "").strip(),
                    data.get(f"pool{i}_ip_range", "").strip(),
                )
                for i in range(1, POOLS + 1)
                if any(
                    data.get(f"pool{i}_{k}", "").strip() for k in ("subnet", "gateway", "ip_range")
                )
            ],
            ipv6_pools=[
                Pool(data.get("ipv6_subnet", "").strip(), data.get("ipv6_gateway", "").strip())
            ]
            if data.get("ipv6_subnet", "").strip() or data.get("ipv6_gateway", "").strip()
            else [],
            enable_ipv6=bool(data.get("enable_ipv6")),
            internal=bool(data.get("internal")),
            attachable=bool(data.get("attachable")),
            labels=labels,
            options=options,
        )
        if data.get("engine"):
            for field_name, message in validate(self.spec, self.context_for(data["engine"])):
                self.add_error(field_name if field_name in self.fields else None, message)
        return data


class ConnectForm(forms.Form):
    container = forms.ChoiceField()
    ipv4 = forms.CharField(required=False, label="IPv4 address")
    ipv6 = forms.CharField(required=False, label="IPv6 address")
    aliases = forms.CharField(required=False, help_text="separated by spaces or commas")

    def __init__(self, *args, network, containers, used, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.used = used
        self.fields["container"].choices = [("", "choose a container")] + [
            (c.id, f"{c.name} ({c.state})") for c in containers
        ]

    def _address(self, field_name, version):
        text = self.cleaned_data.get(field_name, "").strip()
        if not text:
            return ""
        try:
            address = ipaddress.ip_address(text)
        except ValueError:
            raise forms.ValidationError(f"{text} is not an IP address.") from None
        if address.version != version:
            raise forms.ValidationError(f"{text} is not an IPv{version} address.")
        subnets = [
            ipaddress.ip_network(p.subnet, strict=False) for p in self.network.ipam if p.subnet
        ]
        subnets = [s for s in subnets if s.version == version]
        if not subnets:
            raise forms.ValidationError(
                f"This network has no IPv{version} subnet of its own; Docker assigns only "
                "addresses from a configured subnet."
            )
        if not any(address in s for s in subnets):
            raise forms.ValidationError(f"{text} is outside {', '.join(map(str, subnets))}.")
        for s in subnets:
            if address in s and (
                address == s.network_address or (version == 4 and address == s.broadcast_address)
            ):
                raise forms.ValidationError(f"{text} is the network or broadcast address of {s}.")
        if text in self.used:
            raise forms.ValidationError(
                f"{text} is already in use on this network ({self.used[text]})."
            )
        return text

    def clean_ipv4(self):
        return self._address("ipv4", 4)

    def clean_ipv6(self):
        return self._address("ipv6", 6)

    def clean_aliases(self):
        aliases = [a for a in re.split(r"[\s,]+", self.cleaned_data.get("aliases", "")) if a]
        for a in aliases:
            if not ALIAS_RE.match(a) or len(a) > 253:
                raise forms.ValidationError(
                    f"{a} is not a valid alias: letters, digits and . _ -, "
                    "starting with a letter or digit."
                )
        return aliases


class DisconnectForm(forms.Form):
    container = forms.CharField(max_length=64)
    force = forms.BooleanField(required=False)


class PruneForm(forms.Form):
    networks = forms.MultipleChoiceField()

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["networks"].choices = [(n.id, n.name) for n in candidates]
