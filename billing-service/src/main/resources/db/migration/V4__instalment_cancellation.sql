-- Why and by whom a contract instalment was canceled (the contract expired, or ops waived it / invoiced it by hand).
alter table contract_instalments add column cancel_reason text;
alter table contract_instalments add column canceled_by text;
update contract_instalments set cancel_reason = 'contract expired', canceled_by = 'enterprise-service'
where status = 'canceled';
alter table contract_instalments add constraint contract_instalments_cancel_reason
    check ((status = 'canceled') = (cancel_reason is not null));
