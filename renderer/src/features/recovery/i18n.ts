/** Texts of recovery: the journal restore offer, and backups in Settings. */
export const recoveryText = {
  en: {
    offer: {
      title: 'Unsent shipment updates can be restored',
      body_one:
        'This station’s database is new or was wiped, but the host journal holds {{count}} shipment update the shop has not confirmed.',
      body_other:
        'This station’s database is new or was wiped, but the host journal holds {{count}} shipment updates the shop has not confirmed.',
      safe: 'Each one is checked with the shop before anything is sent, so nothing is sent twice.',
      restore: 'Restore them now',
      later: 'Later (Settings › Recovery)',
    },
    title: 'Recovery and backups',
    journal: {
      title: 'Host journal',
      explain:
        'Every shipment update is also written to a journal on this computer. If the station database is lost, the updates come back from it.',
      check: 'Check the journal',
      checking: 'Reading the journal…',
      none: 'Nothing to restore: this station holds every update in the journal.',
      found_one: '{{count}} update can be restored.',
      found_other: '{{count}} updates can be restored.',
      details:
        '{{here}} already here, {{settled}} confirmed by the shop, {{superseded}} replaced by a later edit.',
      invalid_one: '{{count}} journal line could not be read and was skipped.',
      invalid_other: '{{count}} journal lines could not be read and were skipped.',
      restore: 'Restore from the journal',
      restored_one: 'Restored {{count}} update. It will be checked with the shop before sending.',
      restored_other:
        'Restored {{count}} updates. They will be checked with the shop before sending.',
    },
    backups: {
      title: 'Backups',
      explain:
        'The station database is copied to this computer’s data folder every {{minutes}} minutes; the newest {{kept}} copies are kept.',
      now: 'Back up now',
      running: 'Backing up…',
      saved: 'Backup saved: {{name}}',
      none: 'No backup yet.',
      unavailable: 'Backups are not available: {{message}}',
      item: '{{time}} · {{size}} · {{orders}} orders · not yet confirmed by the shop: {{updates}}',
      preview: 'Preview',
      previewTitle: 'What this restore does',
      table: 'Table',
      inBackup: 'In the backup',
      onStation: 'On this station now',
      replaces:
        'Every table is replaced by the backup’s copy. Anything recorded after {{time}} that is not in the journal is lost.',
      verify_one:
        '{{count}} shipment update from the backup is checked with the shop before anything is sent.',
      verify_other:
        '{{count}} shipment updates from the backup are checked with the shop before anything is sent.',
      journalToo: 'Shipment updates in the journal made after the backup are restored too.',
      otherSchema:
        'This backup was made by another database version ({{found}}; this Packbench uses {{ours}}) and cannot be restored here.',
      restore: 'Restore this backup',
      confirm: 'Press again to replace this station’s data',
      restoring: 'Restoring…',
      restored: 'Restored: {{rows}} rows; {{verify}} updates will be checked with the shop.',
      failed: 'Nothing was changed: {{message}}',
      close: 'Close',
    },
  },
  zhCN: {
    offer: {
      title: '可恢复未发送的发货更新',
      body_one:
        '本工作站的数据库是新的或已被清空，但主机日志中有 {{count}} 条店铺尚未确认的发货更新。',
      body_other:
        '本工作站的数据库是新的或已被清空，但主机日志中有 {{count}} 条店铺尚未确认的发货更新。',
      safe: '每一条在发送前都会先向店铺核对，不会重复发送。',
      restore: '立即恢复',
      later: '稍后（设置 › 恢复）',
    },
    title: '恢复与备份',
    journal: {
      title: '主机日志',
      explain: '每条发货更新也会写入本机的日志。如果工作站数据库丢失，可从日志中恢复。',
      check: '检查日志',
      checking: '正在读取日志…',
      none: '无需恢复：日志中的每条更新本工作站都有。',
      found_one: '可恢复 {{count}} 条更新。',
      found_other: '可恢复 {{count}} 条更新。',
      details: '已存在 {{here}} 条，店铺已确认 {{settled}} 条，被后续修改取代 {{superseded}} 条。',
      invalid_one: '有 {{count}} 行日志无法读取，已跳过。',
      invalid_other: '有 {{count}} 行日志无法读取，已跳过。',
      restore: '从日志恢复',
      restored_one: '已恢复 {{count}} 条更新，发送前会先向店铺核对。',
      restored_other: '已恢复 {{count}} 条更新，发送前会先向店铺核对。',
    },
    backups: {
      title: '备份',
      explain: '工作站数据库每 {{minutes}} 分钟复制到本机数据文件夹，保留最新的 {{kept}} 份。',
      now: '立即备份',
      running: '正在备份…',
      saved: '备份已保存：{{name}}',
      none: '还没有备份。',
      unavailable: '备份不可用：{{message}}',
      item: '{{time}} · {{size}} · {{orders}} 个订单 · {{updates}} 条更新未确认',
      preview: '预览',
      previewTitle: '此次恢复将会',
      table: '表',
      inBackup: '备份中',
      onStation: '本工作站现有',
      replaces: '每个表都会被备份中的内容替换。{{time}} 之后记录且不在日志中的内容将丢失。',
      verify_one: '备份中有 {{count}} 条发货更新，发送前会先向店铺核对。',
      verify_other: '备份中有 {{count}} 条发货更新，发送前会先向店铺核对。',
      journalToo: '日志中备份之后的发货更新也会一并恢复。',
      otherSchema:
        '此备份来自其他数据库版本（{{found}}；本 Packbench 使用 {{ours}}），无法在此恢复。',
      restore: '恢复此备份',
      confirm: '再按一次以替换本工作站的数据',
      restoring: '正在恢复…',
      restored: '已恢复：{{rows}} 行；{{verify}} 条更新将先向店铺核对。',
      failed: '未做任何更改：{{message}}',
      close: '关闭',
    },
  },
};
